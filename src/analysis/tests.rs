use super::*;
use crate::article::read_seed;

fn lexicon() -> Lexicon {
    Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}"))
}

fn run(text: &str) -> Vec<ActorFraming> {
    let article = read_seed(text, false).unwrap_or_else(|e| panic!("{e}"));
    analyze(&article, &lexicon())
}

#[test]
fn debug_print() {
    let r = run("عنوان\n\nومُنيت ميليشيا \"حفتر\" بهزائم عديدة على أيدي قوات حكومة الوفاق الليبية المعترف بها دوليا.\n");
    for a in &r {
        eprintln!("{} m={} {:?} {} q={:?}", a.id, a.mentions, a.stance, a.score, a.quoted_stance);
        for e in &a.evidence {
            eprintln!("   {} {:?} {} {:?} {:?} w={} via={:?}", e.text, e.stance, e.rule, e.attach, e.voice, e.weight, e.via);
        }
    }
}
