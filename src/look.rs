//! `theme` in site.toml: the name of a theme folder (`theme = "campus"`), or a table that may
//! also brand the default look without replacing its stylesheet:
//!
//! ```toml
//! [theme]
//! accent = "#6a1b4d"              # headers, buttons and links
//! extra_css = "css/ours.css"      # a file under static/, loaded after the theme's stylesheet
//! favicon = "images/favicon.png"  # under static/
//! image = "images/preview.png"    # under static/: the picture shown when a page is shared
//! ```
//!
//! The accent is checked at build time: text on it and beside it must keep WCAG AA contrast.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// What `theme` says.
#[derive(Debug, Clone)]
pub(crate) struct Look {
    /// The theme folder under themes/ ("default": the built-in one).
    pub(crate) name: Spanned<String>,
    pub(crate) accent: Option<Spanned<String>>,
    pub(crate) extra_css: Option<Spanned<String>>,
    pub(crate) favicon: Option<Spanned<String>>,
    pub(crate) image: Option<Spanned<String>>,
    /// Written as `theme = "name"`: the name's place is the value's (see `deserialize`).
    short: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LookTable {
    name: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
    extra_css: Option<Spanned<String>>,
    favicon: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
}

pub(crate) fn default_name() -> Spanned<String> {
    Spanned::new(0..0, "default".to_string())
}

impl Default for Look {
    fn default() -> Look {
        Look {
            name: default_name(),
            accent: None,
            extra_css: None,
            favicon: None,
            image: None,
            short: false,
        }
    }
}

/// For `#[serde(deserialize_with)]`: a `Look` whose name, when written as `theme = "name"`,
/// carries the place of that value (for messages about it).
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Look, D::Error> {
    let spanned = Spanned::<Look>::deserialize(d)?;
    let span = spanned.span();
    let mut look = spanned.into_inner();
    if look.short {
        look.name = Spanned::new(span, look.name.into_inner());
    }
    Ok(look)
}

impl<'de> Deserialize<'de> for Look {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Look, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Look;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme's folder name in double quotes, or a [theme] table")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Look, E> {
                Ok(Look {
                    name: Spanned::new(0..0, name.to_string()),
                    accent: None,
                    extra_css: None,
                    favicon: None,
                    image: None,
                    short: true,
                })
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Look, M::Error> {
                let t = LookTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Look {
                    name: t.name.unwrap_or_else(default_name),
                    accent: t.accent,
                    extra_css: t.extra_css,
                    favicon: t.favicon,
                    image: t.image,
                    short: false,
                })
            }
        }
        d.deserialize_any(Either)
    }
}

impl Look {
    /// The accent, when it is a colour that passes the contrast check (site.toml's validation
    /// reports one that does not).
    pub(crate) fn readable_accent(&self) -> Option<[u8; 3]> {
        let colour = parse_colour(self.accent.as_ref()?.get_ref())?;
        (contrast_with_white(colour) >= AA).then_some(colour)
    }
}

/// `#rgb` or `#rrggbb` as red, green and blue.
pub(crate) fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// WCAG 2 relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of a colour against white (1 to 21).
pub(crate) fn contrast_with_white(colour: [u8; 3]) -> f64 {
    1.05 / (luminance(colour) + 0.05)
}

/// WCAG AA for ordinary text.
pub(crate) const AA: f64 = 4.5;

/// The same hue, darkened until it reaches `ratio` against white.
pub(crate) fn darken_to(colour: [u8; 3], ratio: f64) -> [u8; 3] {
    let mut c = colour;
    let mut scale: f64 = 1.0;
    while contrast_with_white(c) < ratio && scale > 0.0 {
        scale -= 0.02;
        // Rounded down from a scale in [0, 1]: always a valid channel.
        c = colour.map(|x| (f64::from(x) * scale.max(0.0)).floor() as u8);
    }
    c
}

pub(crate) fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_contrast() {
        assert_eq!(parse_colour("#1f5f4a"), Some([0x1f, 0x5f, 0x4a]));
        assert_eq!(parse_colour("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_colour("green"), None);
        assert_eq!(parse_colour("#12345"), None);
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 0.01);
        // The theme's own brand colour passes AA; a light yellow does not.
        assert!(contrast_with_white([0x1f, 0x5f, 0x4a]) > AA);
        let yellow = [0xf5, 0xc5, 0x18];
        assert!(contrast_with_white(yellow) < 2.0);
        let darker = darken_to(yellow, AA);
        assert!(contrast_with_white(darker) >= AA);
        assert!(darker[0] > darker[2], "keeps its hue: {}", hex(darker));
    }

    #[test]
    fn theme_is_a_name_or_a_table() {
        #[derive(Deserialize)]
        struct Site {
            #[serde(deserialize_with = "deserialize")]
            theme: Look,
        }
        let s: Site = toml::from_str("theme = \"campus\"").unwrap();
        assert_eq!(s.theme.name.get_ref(), "campus");
        assert_eq!(s.theme.name.span(), 8..16);
        let s: Site = toml::from_str("[theme]\naccent = \"#6a1b4d\"\n").unwrap();
        assert_eq!(s.theme.name.get_ref(), "default");
        assert_eq!(s.theme.accent.unwrap().span(), 17..26);
        assert!(toml::from_str::<Site>("[theme]\naccnet = \"#000\"\n").is_err());
    }
}
