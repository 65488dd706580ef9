use super::*;

fn user(file: &str, text: &str) -> Vec<PackSource> {
    vec![PackSource { file: file.to_string(), text: text.to_string() }]
}

fn errors_of(text: &str) -> Vec<LexiconError> {
    Lexicon::from_sources(builtin_sources(), user("test.ron", text)).err().unwrap_or_default()
}

#[test]
fn shipped_packs_load_with_every_fixed_actor_id() -> Result<(), Vec<LexiconError>> {
    let lexicon = Lexicon::load(None)?;
    let fixed = [
        "haftar",
        "lna",
        "gna",
        "sarraj",
        "hor",
        "aguila_saleh",
        "egypt",
        "sisi",
        "kamel",
        "turkey",
        "erdogan",
        "uae",
        "russia",
        "wagner",
        "qatar",
        "un",
        "houthis",
        "yemen_gov",
        "saudi_coalition",
        "saudi_arabia",
        "iran",
        "rsf",
        "saf",
        "hemedti",
        "burhan",
    ];
    for id in fixed {
        assert!(lexicon.actor_index(id).is_some(), "missing actor {id}");
    }
    let lna = lexicon.actor_index("lna").map(|i| &lexicon.actors[i]);
    assert_eq!(lna.and_then(|a| a.leader).map(|l| lexicon.actors[l].id.as_str()), Some("haftar"));
    let packs: Vec<&str> = lexicon.packs.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(packs, ["common-ar", "common-en", "states", "libya", "yemen", "sudan", "israel-gaza"]);
    Ok(())
}

const SYRIA: &str = r#"#![enable(implicit_some)]
(
    schema_version: 1,
    id: "syria",
    languages: ["ar"],
    sides: [(id: "syria_gov"), (id: "syria_opposition")],
    actors: [
        (id: "assad_gov", kind: Government, side: "syria_gov",
         names: { "ar": [(text: "الحكومة السورية"), (text: "نظام الأسد", frame: (Delegitimizing, 0.7))] }),
    ],
)
"#;

#[test]
fn a_user_pack_adds_a_conflict() -> Result<(), Vec<LexiconError>> {
    let lexicon = Lexicon::from_sources(builtin_sources(), user("syria.ron", SYRIA))?;
    assert!(lexicon.actor_index("assad_gov").is_some());
    assert!(lexicon.actor_index("haftar").is_some());
    Ok(())
}

#[test]
fn a_user_pack_with_a_shipped_id_replaces_it() -> Result<(), Vec<LexiconError>> {
    let replacement = SYRIA.replace("id: \"syria\"", "id: \"sudan\"");
    let lexicon = Lexicon::from_sources(builtin_sources(), user("sudan.ron", &replacement))?;
    assert!(lexicon.actor_index("rsf").is_none(), "the shipped Sudan pack should be replaced");
    assert!(lexicon.actor_index("assad_gov").is_some());
    Ok(())
}

#[test]
fn unknown_field_is_reported_at_its_line_and_column() {
    let text = SYRIA.replace("kind: Government,", "kind: Government, colour: \"red\",");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].file.as_str(), errors[0].line), ("test.ron", 8));
    assert!(errors[0].message.contains("colour"), "{}", errors[0]);
}

#[test]
fn syntax_error_names_line_and_column() {
    let text = SYRIA.replace("(text: \"الحكومة السورية\")", "(text: \"الحكومة السورية\"");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 9);
    assert!(errors[0].column > 1);
}

#[test]
fn dangling_ids_are_reported_where_they_are_used() {
    let text = SYRIA.replace("side: \"syria_gov\"", "side: \"syria_govt\", member_of: [\"nobody\"]");
    let errors = errors_of(&text);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("test.ron:8:") && messages[0].contains("unknown side \"syria_govt\""),
        "{messages:?}"
    );
    assert!(messages[1].contains("unknown member_of actor \"nobody\""), "{messages:?}");
}

#[test]
fn duplicate_alias_across_actors_is_an_error() {
    let text = SYRIA.replace("(text: \"الحكومة السورية\")", "(text: \"الحكومة السورية\"), (text: \"حفتر\")");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("duplicates an alias of \"haftar\""), "{}", errors[0]);
    assert_eq!(errors[0].line, 9);
}

#[test]
fn out_of_range_weights_are_errors() {
    let text = SYRIA.replace("(Delegitimizing, 0.7)", "(Delegitimizing, 1.7)");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("frame weight 1.7"), "{}", errors[0]);
    let with_descriptor = SYRIA.replace(
        "    ],\n)",
        "    ],\n    descriptors: [(id: \"regime\", lang: \"ar\", forms: [\"النظام\"], stance: Delegitimizing, weight: -0.5, category: Label, attach: [Before(1)])],\n)",
    );
    let errors = errors_of(&with_descriptor);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("weight -0.5"), "{}", errors[0]);
    assert_eq!(errors[0].line, 11);
}

#[test]
fn short_arabic_alias_must_be_marked_ambiguous() {
    let text = SYRIA.replace("(text: \"الحكومة السورية\")", "(text: \"الحكومة السورية\"), (text: \"سد\")");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("fewer than 3 letters"), "{}", errors[0]);
}

#[test]
fn duplicate_pack_ids_in_one_folder_are_errors() {
    let mut sources = user("a.ron", SYRIA);
    sources.extend(user("b.ron", SYRIA));
    let errors = Lexicon::from_sources(builtin_sources(), sources).err().unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().starts_with("b.ron:4:"), "{}", errors[0]);
}

#[test]
fn an_events_required_words_must_be_single_words() {
    let event = "    events: [(id: \"barrel_bombs\", lang: \"ar\", forms: [\"براميل متفجرة\"], axis: Legitimacy, weight: 0.6,\n              subject: (stance: Delegitimizing, attach: [After(2)]), requires: [\"مدنيين\", \"حي سكني\"])],\n)";
    let text = SYRIA.replace("    ],\n)", &format!("    ],\n{event}"));
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("\"حي سكني\" must be one word"), "{}", errors[0]);
    assert_eq!(errors[0].line, 12, "{}", errors[0]);
    let fixed = text.replace("\"حي سكني\"", "\"سكني\"");
    assert!(errors_of(&fixed).is_empty(), "{:?}", errors_of(&fixed));
}
