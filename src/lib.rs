//! Rasd (رصد): reads news article files, finds the actors of a conflict, and measures how
//! each article frames each side, with the evidence for every judgement.
//!
//! Layers, each using only those above it: [`text`] → [`article`] → [`lexicon`] →
//! [`analysis`]; [`cli`] drives them without a window.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod engine;
pub mod lexicon;
pub mod query;
pub mod store;
pub mod text;
pub mod ui;
