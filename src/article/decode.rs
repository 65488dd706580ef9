//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the Arabic legacy
//! encodings Windows-1256 and ISO-8859-6. Binary or undecodable input is an error, never
//! garbage text.

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, WINDOWS_1256};

use super::ReadError;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with line endings unified to `\n` and no byte-order mark.
    pub text: String,
    /// The encoding that was detected.
    pub encoding: &'static str,
}

/// Decode a file's bytes to text.
///
/// # Errors
/// [`ReadError::Empty`], [`ReadError::Binary`], [`ReadError::InvalidUtf8`],
/// [`ReadError::InvalidUtf16`] or [`ReadError::UnknownEncoding`].
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| bom_error(encoding, body))?;
        return finish(&text, encoding.name());
    }
    if let Some((offset, byte)) = binary_evidence(bytes) {
        return Err(ReadError::Binary { offset, byte });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text, "UTF-8"),
        Err(error) if mostly_utf8(bytes) => Err(ReadError::InvalidUtf8 { offset: error.valid_up_to() }),
        Err(_) => decode_legacy(bytes),
    }
}

fn bom_error(encoding: &'static Encoding, body: &[u8]) -> ReadError {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        ReadError::InvalidUtf16 { encoding: encoding.name() }
    } else {
        let offset = std::str::from_utf8(body).err().map_or(0, |e| e.valid_up_to() + 3);
        ReadError::InvalidUtf8 { offset }
    }
}

fn is_control_byte(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The first byte showing that this is not text: a NUL (text files never hold one, and UTF-16
/// without a byte-order mark is not supported), or the first control byte when more than 1 in
/// 100 bytes are controls. A stray control byte in real text (seen in the ANT corpus) is not
/// binary: it is replaced by a space when the text is finished.
fn binary_evidence(bytes: &[u8]) -> Option<(usize, u8)> {
    if let Some(offset) = memchr_nul(bytes) {
        return Some((offset, 0));
    }
    let controls = bytes.iter().filter(|&&b| is_control_byte(b)).count();
    if controls * 100 > bytes.len() {
        let offset = bytes.iter().position(|&b| is_control_byte(b))?;
        return Some((offset, bytes[offset]));
    }
    None
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// True when the non-ASCII bytes mostly form valid UTF-8 sequences: a UTF-8 file damaged in
/// places, not a file in a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid > invalid * 4
}

fn decode_legacy(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // Arabic text is the expected case; a guess for another script is still tried first.
    for encoding in [guess, WINDOWS_1256, ISO_8859_6] {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
            && text.chars().any(char::is_alphabetic)
        {
            return finish(&text, encoding.name());
        }
    }
    Err(ReadError::UnknownEncoding)
}

fn finish(text: &str, encoding: &'static str) -> Result<Decoded, ReadError> {
    if let Some(offset) = text.find('\0') {
        return Err(ReadError::Binary { offset, byte: 0 });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    if text.bytes().any(is_control_byte) {
        text = text.chars().map(|c| if c.is_ascii() && is_control_byte(c as u8) { ' ' } else { c }).collect();
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "ميليشيا حفتر تشن هجوما على العاصمة طرابلس";

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = decode(ARABIC.as_bytes()).map(|d| d.text);
        let mut with_bom = vec![0xef, 0xbb, 0xbf];
        with_bom.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(plain.as_deref(), Ok(ARABIC));
        assert_eq!(decode(&with_bom).map(|d| d.text).as_deref(), Ok(ARABIC));
    }

    #[test]
    fn reads_utf16_both_byte_orders() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in ARABIC.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).map(|d| (d.text, d.encoding)), Ok((ARABIC.to_string(), "UTF-16LE")));
        assert_eq!(decode(&be).map(|d| d.text).as_deref(), Ok(ARABIC));
    }

    #[test]
    fn detects_windows_1256_and_iso_8859_6() {
        let (cp1256, _, _) = WINDOWS_1256.encode(ARABIC);
        assert_eq!(decode(&cp1256).map(|d| d.text).as_deref(), Ok(ARABIC));
        let (iso, _, unmappable) = ISO_8859_6.encode(ARABIC);
        assert!(!unmappable);
        assert_eq!(decode(&iso).map(|d| d.text).as_deref(), Ok(ARABIC));
    }

    #[test]
    fn a_stray_control_byte_in_text_becomes_a_space() {
        let text = format!("{ARABIC}\x02{ARABIC}");
        assert_eq!(decode(text.as_bytes()).map(|d| d.text), Ok(format!("{ARABIC} {ARABIC}")));
    }

    #[test]
    fn unifies_line_endings() {
        assert_eq!(decode(b"a\r\nb\rc\n").map(|d| d.text).as_deref(), Ok("a\nb\nc\n"));
    }

    #[test]
    fn rejects_binary_empty_and_broken_utf8() {
        assert_eq!(decode(b""), Err(ReadError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(ReadError::Binary { offset: 4, byte: 0 }));
        assert_eq!(decode(b"ab\x01\x02\x03cd"), Err(ReadError::Binary { offset: 2, byte: 1 }));
        let mut broken = ARABIC.as_bytes().to_vec();
        broken.insert(10, 0xff);
        assert_eq!(decode(&broken), Err(ReadError::InvalidUtf8 { offset: 10 }));
        let mut odd_utf16 = vec![0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00];
        odd_utf16.push(0x41);
        assert_eq!(decode(&odd_utf16), Err(ReadError::InvalidUtf16 { encoding: "UTF-16LE" }));
    }
}
