//! One note: its bytes decoded to text, split into frontmatter and body.

pub mod body;
pub mod date;
pub mod date_format;
pub mod frontmatter;
mod lines;
mod yaml;

use std::borrow::Cow;

pub use lines::LineIndex;

use crate::error::Warning;

/// Files larger than this are skipped with a warning, by default (16 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How many leading bytes are checked for NUL to recognise a binary file.
const BINARY_SNIFF_LEN: usize = 8192;

/// Decodes a note's bytes to text.
///
/// Strips a UTF-8 BOM, decodes UTF-16 files that start with a BOM,
/// decodes invalid UTF-8 lossily with a warning, and reads CRLF (and CR)
/// line ends as LF. Returns `Err` (a warning)
/// for binary files, which are skipped.
pub fn decode<'a>(
    rel_path: &str,
    bytes: &'a [u8],
) -> Result<(Cow<'a, str>, Option<Warning>), Warning> {
    decode_text(rel_path, bytes).map(|(text, warning)| (lf_line_ends(text), warning))
}

/// CRLF line ends as LF: a CRLF note then reads exactly like its LF twin
/// (lines and columns do not move: the `\r` was last on its line), even
/// where the markdown parser would treat the `\r` differently. A lone CR
/// (classic Mac OS line ends) is a line end too, as CommonMark reads it.
pub fn lf_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn decode_text<'a>(
    rel_path: &str,
    bytes: &'a [u8],
) -> Result<(Cow<'a, str>, Option<Warning>), Warning> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_utf8(rel_path, rest));
    }
    // UTF-32's marks first: little-endian's starts as UTF-16's does.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        return Ok(decode_utf32(rel_path, rest, u32::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        return Ok(decode_utf32(rel_path, rest, u32::from_be_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rel_path, rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rel_path, rest, u16::from_be_bytes));
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if memchr::memchr(0, sniff).is_some() {
        return Err(Warning::file(
            rel_path,
            "binary file (contains NUL bytes), skipped",
        ));
    }
    Ok(decode_utf8(rel_path, bytes))
}

fn decode_utf8<'a>(rel_path: &str, bytes: &'a [u8]) -> (Cow<'a, str>, Option<Warning>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(err) => {
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..err.valid_up_to()]).count();
            let warning = Warning::at_line(
                rel_path,
                line,
                "invalid UTF-8, decoded with replacement characters",
            );
            (String::from_utf8_lossy(bytes), Some(warning))
        }
    }
}

fn decode_utf16(
    rel_path: &str,
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
) -> (Cow<'static, str>, Option<Warning>) {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let warning = Warning::file(rel_path, "UTF-16 file, decoded (kith reads UTF-8 best)");
    (Cow::Owned(text), Some(warning))
}

fn decode_utf32(
    rel_path: &str,
    bytes: &[u8],
    unit: fn([u8; 4]) -> u32,
) -> (Cow<'static, str>, Option<Warning>) {
    let text: String = bytes
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(unit([c[0], c[1], c[2], c[3]])).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    let warning = Warning::file(rel_path, "UTF-32 file, decoded (kith reads UTF-8 best)");
    (Cow::Owned(text), Some(warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom() {
        let (text, warning) = decode("a.md", b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!(text, "hi");
        assert!(warning.is_none());
    }

    #[test]
    fn invalid_utf8_is_lossy_with_line() {
        let (text, warning) = decode("a.md", b"ok\nbad \xFF @x").unwrap();
        assert_eq!(text, "ok\nbad \u{FFFD} @x");
        let warning = warning.unwrap();
        assert_eq!(warning.line, Some(2));
        assert!(warning.message.contains("invalid UTF-8"));
    }

    #[test]
    fn utf16_le_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "@kim".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, warning) = decode("a.md", &bytes).unwrap();
        assert_eq!(text, "@kim");
        assert!(warning.unwrap().message.contains("UTF-16"));
    }

    #[test]
    fn utf32_is_decoded_either_way_round() {
        let le: Vec<u8> = [0xFEFF_u32, '@' as u32, 'k' as u32, 'é' as u32]
            .iter()
            .flat_map(|c| c.to_le_bytes())
            .collect();
        let be: Vec<u8> = [0xFEFF_u32, '@' as u32, 'k' as u32, 'é' as u32]
            .iter()
            .flat_map(|c| c.to_be_bytes())
            .collect();
        for bytes in [le, be] {
            let (text, warning) = decode("a.md", &bytes).unwrap();
            assert_eq!(text, "@ké");
            assert!(warning.unwrap().message.contains("UTF-32"));
        }
    }

    #[test]
    fn binary_is_skipped() {
        let err = decode("a.md", b"PNG\0\0\x01").unwrap_err();
        assert!(err.message.contains("binary"));
    }
}
