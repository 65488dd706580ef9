//! Rasd's Krippendorff's α (nominal) against the Python `krippendorff` package (Castro's
//! implementation) on random reliability data with missing values. `.ci/run` installs the
//! package; without it the test says so and checks nothing (the worked examples of
//! Krippendorff's "Computing Krippendorff's Alpha-Reliability" are unit tests in
//! `src/query/agreement.rs` and always run).

use std::process::Command;

/// A small deterministic generator (no dependency): xorshift64*.
struct Random(u64);

impl Random {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }
}

fn python_has_krippendorff() -> bool {
    let ok =
        Command::new("python3").args(["-c", "import krippendorff, numpy"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: the Python krippendorff package is not installed (pip install krippendorff; .ci/run does)");
    }
    ok
}

#[test]
fn alpha_matches_the_python_krippendorff_package_on_random_data() {
    if !python_has_krippendorff() {
        return;
    }
    let mut random = Random(0x5eed_1234_abcd_0001);
    let mut cases = Vec::new();
    for _ in 0..40 {
        let coders = 2 + random.next(4) as usize;
        let units = 5 + random.next(40) as usize;
        let labels = 2 + random.next(4) as usize;
        // Coders agree with a hidden truth most of the time, so α spans a useful range.
        let agreement = random.next(100);
        let mut data = vec![vec![None; units]; coders];
        for u in 0..units {
            let truth = random.next(labels as u64) as usize;
            for row in data.iter_mut() {
                if random.next(100) < 15 {
                    continue;
                }
                row[u] = Some(if random.next(100) < agreement { truth } else { random.next(labels as u64) as usize });
            }
        }
        let by_unit: Vec<Vec<Option<usize>>> = (0..units).map(|u| data.iter().map(|r| r[u]).collect()).collect();
        let ours = rasd::query::krippendorff_alpha_nominal(&by_unit, labels);
        cases.push((data, ours));
    }
    let json: Vec<Vec<Vec<Option<usize>>>> = cases.iter().map(|(d, _)| d.clone()).collect();
    let script = "import json,sys,math,krippendorff,numpy as np\n\
        out=[]\n\
        for d in json.load(sys.stdin):\n\
        \x20   a=np.array([[np.nan if v is None else v for v in row] for row in d],dtype=float)\n\
        \x20   try:\n\
        \x20       out.append(float(krippendorff.alpha(reliability_data=a,level_of_measurement='nominal')))\n\
        \x20   except Exception:\n\
        \x20       out.append(None)\n\
        print(json.dumps([None if (v is None or math.isnan(v)) else v for v in out]))\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
        stdin.write_all(serde_json::to_string(&json).unwrap_or_default().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let theirs: Vec<Option<f64>> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(theirs.len(), cases.len());
    let mut compared = 0;
    for ((_, ours), theirs) in cases.iter().zip(&theirs) {
        if let (Some(a), Some(b)) = (ours, theirs) {
            assert!((a - b).abs() < 1e-9, "Rasd {a} against krippendorff {b}");
            compared += 1;
        }
    }
    assert!(compared >= 35, "only {compared} of {} cases had an α on both sides", cases.len());
}
