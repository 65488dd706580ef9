//! CSV cells written into a byte buffer by `csv-core` (quoted exactly as the `csv` crate quotes:
//! only when a cell holds a comma, a quote or a line break), for exports of millions of rows:
//! no allocation per row, an article's repeated cells escaped once, and the file written in
//! pieces of about 64 KB (much faster here than megabyte writes, which leave the CPU caches).

use std::io::Write;

/// Bytes gathered before they are written out.
pub const WRITE_AT: usize = 64 * 1024;

/// A buffer of CSV cells.
pub struct CsvBuffer {
    csv: csv_core::Writer,
    bytes: Vec<u8>,
    len: usize,
}

impl CsvBuffer {
    /// An empty buffer with room for `capacity` bytes (it grows for larger rows).
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self { csv: csv_core::Writer::new(), bytes: vec![0; capacity], len: 0 }
    }

    /// The bytes written so far.
    #[must_use]
    pub fn filled(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    /// How many bytes were written so far.
    #[must_use]
    pub fn written(&self) -> usize {
        self.len
    }

    /// Forget the bytes written so far.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Write the buffer to `out` once it holds [`WRITE_AT`] bytes or more.
    ///
    /// # Errors
    /// `out`'s.
    pub fn write_when_full(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if self.len >= WRITE_AT { self.write_out(out) } else { Ok(()) }
    }

    /// Write the buffer to `out` and empty it.
    ///
    /// # Errors
    /// `out`'s.
    pub fn write_out(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(self.filled())?;
        self.len = 0;
        Ok(())
    }

    /// Bytes already in CSV form (cells escaped by another buffer, ending with a delimiter).
    pub fn raw(&mut self, bytes: &[u8]) {
        room(&mut self.bytes, self.len, bytes.len())[..bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// A cell followed by a delimiter.
    pub fn cell(&mut self, text: &[u8]) {
        self.field(text);
        let (_, wrote) = self.csv.delimiter(room(&mut self.bytes, self.len, 2));
        self.len += wrote;
    }

    /// A cell that never needs quotes (a number, a label of Rasd's own), followed by a
    /// delimiter.
    pub fn plain_cell(&mut self, text: impl AsRef<[u8]>) {
        let bytes = text.as_ref();
        debug_assert!(!bytes.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')), "{bytes:?}");
        let room = room(&mut self.bytes, self.len, bytes.len() + 1);
        room[..bytes.len()].copy_from_slice(bytes);
        room[bytes.len()] = b',';
        self.len += bytes.len() + 1;
    }

    /// The last cell of a row, and the line end.
    pub fn last_cell(&mut self, text: &[u8]) {
        self.field(text);
        let (_, wrote) = self.csv.terminator(room(&mut self.bytes, self.len, 4));
        self.len += wrote;
    }

    fn field(&mut self, text: &[u8]) {
        // At most two bytes per byte (every one a quote) and the opening quote.
        let needed = 2 * text.len() + 2;
        let (_, _, wrote) = self.csv.field(text, room(&mut self.bytes, self.len, needed));
        self.len += wrote;
    }
}

/// The free part of `bytes` after `len`, grown to at least `needed` bytes.
fn room(bytes: &mut Vec<u8>, len: usize, needed: usize) -> &mut [u8] {
    if bytes.len() - len < needed {
        bytes.resize(len + needed.max(WRITE_AT), 0);
    }
    &mut bytes[len..]
}

/// A number with three decimals (`-0.412`), formatted once without allocating (millions of
/// cells).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decimal {
    text: [u8; 24],
    len: u8,
}

impl Decimal {
    /// `value` rounded to three decimals.
    #[must_use]
    pub fn new(value: f32) -> Self {
        let mut text = [0u8; 24];
        if !(value.is_finite() && value.abs() < 1.0e9) {
            let mut cursor = std::io::Cursor::new(&mut text[..]);
            let _ = write!(cursor, "{value:.3}");
            let len = u8::try_from(cursor.position()).unwrap_or(0);
            return Self { text, len };
        }
        // Integer thousandths, digits written from the right: several times faster than float
        // formatting, over millions of cells.
        #[allow(clippy::cast_possible_truncation)]
        let thousandths = (f64::from(value) * 1000.0).round() as i64;
        let mut left = thousandths.unsigned_abs();
        let mut digits = [0u8; 24];
        let mut at = digits.len();
        let mut put = |digit: u8| {
            at -= 1;
            digits[at] = digit;
        };
        for place in 0.. {
            if place == 3 {
                put(b'.');
            }
            // The remainder of a division by ten is a digit.
            #[allow(clippy::cast_possible_truncation)]
            put(b'0' + (left % 10) as u8);
            left /= 10;
            if left == 0 && place >= 3 {
                break;
            }
        }
        if thousandths < 0 {
            put(b'-');
        }
        let len = digits.len() - at;
        text[..len].copy_from_slice(&digits[at..]);
        Self { text, len: u8::try_from(len).unwrap_or(0) }
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_ref()).unwrap_or("")
    }
}

impl AsRef<[u8]> for Decimal {
    /// The text's bytes (ASCII), without checking them again.
    fn as_ref(&self) -> &[u8] {
        self.text.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(cells: &[&str]) -> Vec<u8> {
        let mut buffer = CsvBuffer::new(4);
        if let Some((last, rest)) = cells.split_last() {
            rest.iter().for_each(|c| buffer.cell(c.as_bytes()));
            buffer.last_cell(last.as_bytes());
        }
        buffer.filled().to_vec()
    }

    #[test]
    fn cells_are_quoted_exactly_as_the_csv_crate_quotes_them() -> Result<(), Box<dyn std::error::Error>> {
        let rows: [&[&str]; 4] = [
            &["2020-04-12", "قناة \"الحدث\"", "", "a,b", "line\nbreak", "cr\rhere", "'=x"],
            &["", "", ""],
            &["plain"],
            &[&"ميليشيا حفتر ".repeat(5000), "\"\"\""],
        ];
        for cells in rows {
            let mut reference = csv::WriterBuilder::new().from_writer(Vec::new());
            reference.write_record(cells)?;
            assert_eq!(written(cells), reference.into_inner()?, "{cells:?}");
        }
        Ok(())
    }

    #[test]
    fn cells_escaped_apart_can_be_spliced_into_a_row() {
        let mut prefix = CsvBuffer::new(16);
        prefix.cell(b"2020-04-12");
        prefix.cell("a \"quoted\" title, with a comma".as_bytes());
        let mut row = CsvBuffer::new(16);
        row.raw(prefix.filled());
        row.plain_cell("-0.412");
        row.last_cell(b"haftar");
        assert_eq!(row.filled(), b"2020-04-12,\"a \"\"quoted\"\" title, with a comma\",-0.412,haftar\n");
    }

    #[test]
    fn the_buffer_is_written_out_once_it_is_full() -> std::io::Result<()> {
        let mut buffer = CsvBuffer::new(16);
        let mut out = Vec::new();
        buffer.last_cell(b"short");
        buffer.write_when_full(&mut out)?;
        assert!(out.is_empty(), "kept until 64 KB are gathered");
        buffer.last_cell("x".repeat(WRITE_AT).as_bytes());
        buffer.write_when_full(&mut out)?;
        assert_eq!(out.len(), WRITE_AT + 7);
        assert_eq!(buffer.written(), 0);
        Ok(())
    }

    #[test]
    fn decimals_round_to_three_places() {
        let cases = [
            (-0.41249, "-0.412"),
            (0.4125, "0.412"),
            (0.9996, "1.000"),
            (0.0, "0.000"),
            (-0.0004, "0.000"),
            (1.5, "1.500"),
            (-12.0625, "-12.063"),
            (0.05, "0.050"),
            (123_456.7, "123456.703"),
        ];
        for (value, text) in cases {
            assert_eq!(Decimal::new(value).as_str(), text, "{value}");
        }
        assert_eq!(Decimal::new(f32::NAN).as_str(), "NaN");
        assert_eq!(Decimal::new(3.0e12).as_str(), format!("{:.3}", 3.0e12_f32));
    }
}
