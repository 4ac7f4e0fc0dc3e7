//! QR codes of rating links: SVG (any size, for print shops), PNG (for chat and web pages) and the
//! module matrix that the A4 poster draws as vector squares ([`crate::pdf::rating_poster`]).
//!
//! Error correction level Q (25 % of the code may be damaged or dirty) suits a poster on a
//! Puskesmas wall; a rating link of about 70 characters still fits a small version. Every image
//! has the standard quiet zone of four modules.

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around a code.
pub const QUIET_ZONE: usize = 4;

/// A QR code's dark and light modules, row by row, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub size: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` (`None` only when it is too long for any QR version, about 1.6 kB at Q).
    pub fn encode(text: &str) -> Option<Self> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q).ok()?;
        Some(Self {
            size: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Whether the module at column `x`, row `y` (from the top left) is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }
}

/// The code of `text` as an SVG document at least `min_px` wide.
pub fn svg(text: &str, min_px: u32) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .quiet_zone(true)
            .min_dimensions(min_px, min_px)
            .build(),
    )
}

/// The code of `text` as an 8-bit greyscale PNG with `scale` pixels per module.
pub fn png(text: &str, scale: usize) -> Option<Vec<u8>> {
    let m = QrMatrix::encode(text)?;
    let scale = scale.max(1);
    let side = (m.size + 2 * QUIET_ZONE) * scale;
    let mut pixels = vec![255u8; side * side];
    for y in 0..m.size {
        for x in 0..m.size {
            if !m.is_dark(x, y) {
                continue;
            }
            for dy in 0..scale {
                let row = (y + QUIET_ZONE) * scale + dy;
                let start = row * side + (x + QUIET_ZONE) * scale;
                pixels[start..start + scale].fill(0);
            }
        }
    }
    let side32 = u32::try_from(side).ok()?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://pembina.example/r/1771-PKM-JK?t=Qm9vbXNoYWthbGFrYTEyMz";

    #[test]
    fn a_rating_link_is_a_small_code_with_finder_patterns() {
        let m = QrMatrix::encode(URL).expect("fits");
        // Version 4 or 5 at level Q: 33 or 37 modules a side.
        assert!((21..=41).contains(&m.size), "{}", m.size);
        // The finder pattern's dark outer ring and light inner ring, top left.
        assert!(m.is_dark(0, 0) && m.is_dark(6, 0) && m.is_dark(0, 6));
        assert!(!m.is_dark(1, 1) && m.is_dark(2, 2));
        assert!(!m.is_dark(m.size, 0));
        assert!(QrMatrix::encode(&"x".repeat(5000)).is_none());
    }

    #[test]
    fn png_has_the_quiet_zone_and_the_scale_asked_for() {
        let bytes = png(URL, 8).expect("png");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let side = (QrMatrix::encode(URL).expect("fits").size + 2 * QUIET_ZONE) * 8;
        // IHDR: width and height, big-endian, right after the chunk's length and type.
        let width = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(bytes[20..24].try_into().expect("4 bytes"));
        assert_eq!((width as usize, height as usize), (side, side));
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a valid PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut buf).expect("frame");
        // The quiet zone is white; the top-left finder starts dark right after it.
        assert_eq!(buf[0], 255);
        assert_eq!(buf[(QUIET_ZONE * 8) * side + QUIET_ZONE * 8], 0);
    }

    #[test]
    fn svg_is_a_standalone_document() {
        let s = svg(URL, 300).expect("svg");
        assert!(s.starts_with("<?xml"), "{}", &s[..40]);
        assert!(s.contains("<svg") && s.ends_with("</svg>"));
    }
}
