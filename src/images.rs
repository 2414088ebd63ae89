//! Pictures as bytes in, bytes out (no I/O): an article's photo is read for its size
//! ([`probe`]), planned into a few widths ([`plan`], never upscaled) and resized and encoded
//! ([`resize`]); `share` rasterises an SVG into a PNG share card. Hostile input is bounded:
//! dimensions, pixels and allocations are limited before anything is decoded, and a corrupt
//! file is an error message, never a panic.
//!
//! Formats: a photo (JPEG, or a WebP without transparency) gets lossy WebP variants at quality
//! [`WEBP_QUALITY`] (libwebp through the `webp` crate: about a third smaller than the JPEG and
//! fast; pure-Rust AVIF takes seconds a photo) with JPEG variants at [`JPEG_QUALITY`] beside
//! them for browsers without WebP; a PNG gets lossless WebP variants with PNG beside them; a
//! WebP with transparency gets PNG variants.

pub(crate) mod share;

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::{Arc, Mutex, OnceLock};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

/// The widths pictures are made in, in CSS pixels; the widest is also the largest shown.
pub(crate) const WIDTHS: [u32; 3] = [480, 960, 1600];

/// JPEG quality of the resized photos.
pub(crate) const JPEG_QUALITY: u8 = 80;

/// Lossy WebP quality of the resized photos (libwebp's scale, 0–100).
pub(crate) const WEBP_QUALITY: f32 = 75.0;

/// The longest side a picture may have.
pub(crate) const MAX_SIDE: u32 = 12_000;

/// The most pixels a picture may have: a 60-megapixel camera's photo, far beyond a phone's.
pub(crate) const MAX_PIXELS: u64 = 60_000_000;

/// The most memory a decoder may take for one picture.
pub(crate) const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// An encoded picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    /// Lossy WebP, for photos.
    WebpLossy,
}

impl Kind {
    /// The file name extension.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp | Kind::WebpLossy => "webp",
        }
    }

    /// The MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp | Kind::WebpLossy => "image/webp",
        }
    }
}

/// Whether a file, by its name, is a picture that is resized: JPEG, PNG or WebP (not SVG,
/// which scales, nor GIF, which may move).
pub(crate) fn is_picture(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"].iter().any(|e| lower.ends_with(e))
}

/// What the header of a picture says: its size as shown (EXIF rotation applied), its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
    pub alpha: bool,
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

fn decoder(bytes: &[u8]) -> Result<(impl ImageDecoder + '_, Kind), String> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let kind = match reader.format() {
        Some(ImageFormat::Jpeg) => Kind::Jpeg,
        Some(ImageFormat::Png) => Kind::Png,
        Some(ImageFormat::WebP) => Kind::Webp,
        _ => return Err("it is not a JPEG, PNG or WebP picture".into()),
    };
    reader.limits(limits());
    let dec = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = dec.dimensions();
    if w == 0 || h == 0 {
        return Err("it has no pixels".into());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("it is {w}×{h} pixels; a picture has at most {} megapixels", MAX_PIXELS / 1_000_000));
    }
    Ok((dec, kind))
}

/// Reads a picture's header: cheap, nothing decoded. An error says why in words.
pub(crate) fn probe(bytes: &[u8]) -> Result<Probe, String> {
    let (mut dec, kind) = decoder(bytes)?;
    let (w, h) = dec.dimensions();
    let alpha = dec.color_type().has_alpha();
    let turned = matches!(
        dec.orientation().unwrap_or(image::metadata::Orientation::NoTransforms),
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Probe { width, height, kind, alpha })
}

/// One resized file of a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
}

/// The formats a picture is made in, the preferred first (the last is the fallback `<img>`).
pub(crate) fn kinds(p: &Probe) -> Vec<Kind> {
    match (p.kind, p.alpha) {
        (Kind::Jpeg | Kind::WebpLossy, _) | (Kind::Webp, false) => vec![Kind::WebpLossy, Kind::Jpeg],
        (Kind::Png, _) => vec![Kind::Webp, Kind::Png],
        (Kind::Webp, true) => vec![Kind::Png],
    }
}

/// The widths a picture is made in: each of [`WIDTHS`] narrower than the picture, and the
/// picture's own width when it is narrower than the widest: never upscaled.
pub(crate) fn widths(p: &Probe) -> Vec<u32> {
    let widest = WIDTHS[WIDTHS.len() - 1];
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < p.width).collect();
    out.push(p.width.min(widest));
    out.dedup();
    out
}

/// Every file a picture is made into: each width in each format, narrowest first.
pub(crate) fn plan(p: &Probe) -> Vec<Variant> {
    let mut out = Vec::new();
    for kind in kinds(p) {
        for w in widths(p) {
            let h = ((u64::from(p.height) * u64::from(w) + u64::from(p.width) / 2) / u64::from(p.width)).max(1);
            out.push(Variant { width: w, height: h as u32, kind });
        }
    }
    out
}

/// The output path of a variant of the picture at `path`: `images/a.jpg` → `images/a.960w.jpg`.
pub(crate) fn variant_path(path: &str, v: &Variant) -> String {
    let stem = match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => &path[..dot],
        _ => path,
    };
    format!("{stem}.{}w.{}", v.width, v.kind.ext())
}

/// Decodes `bytes` (limits applied, EXIF rotation respected) and makes the files of `plan`,
/// in its order. Resizing steps down from the widest, each from the one before (area
/// averaging for steps of half or less, Catmull-Rom otherwise): fast, and sharp.
pub(crate) fn resize(bytes: &[u8], plan: &[Variant]) -> Result<Vec<Vec<u8>>, String> {
    let (mut dec, _) = decoder(bytes)?;
    let orientation = dec.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(dec).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let mut sizes: Vec<(u32, u32)> = plan.iter().map(|v| (v.width, v.height)).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut scaled: HashMap<(u32, u32), DynamicImage> = HashMap::new();
    let mut from = img;
    for &(w, h) in sizes.iter().rev() {
        let next = if (w, h) == (from.width(), from.height()) {
            from.clone()
        } else if from.width() >= 2 * w {
            // Area averaging: fast, and what a large step down wants.
            from.thumbnail_exact(w, h)
        } else {
            from.resize_exact(w, h, image::imageops::FilterType::CatmullRom)
        };
        scaled.insert((w, h), next.clone());
        from = next;
    }
    plan.iter()
        .map(|v| {
            let img = scaled.get(&(v.width, v.height)).ok_or("internal: a size was not made")?;
            encode(img, v.kind)
        })
        .collect()
}

/// Encodes an image in a format.
pub(crate) fn encode(img: &DynamicImage, kind: Kind) -> Result<Vec<u8>, String> {
    use image::codecs::{jpeg::JpegEncoder, png, webp::WebPEncoder};
    let mut out = Vec::new();
    let r = match kind {
        Kind::Jpeg => img.to_rgb8().write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)),
        Kind::Png => img.write_with_encoder(png::PngEncoder::new_with_quality(
            &mut out,
            png::CompressionType::Best,
            png::FilterType::Adaptive,
        )),
        Kind::Webp if img.color().has_alpha() => img.to_rgba8().write_with_encoder(WebPEncoder::new_lossless(&mut out)),
        Kind::Webp => img.to_rgb8().write_with_encoder(WebPEncoder::new_lossless(&mut out)),
        Kind::WebpLossy => {
            let rgb = img.to_rgb8();
            let encoded = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
                .encode_simple(false, WEBP_QUALITY)
                .map_err(|e| format!("WebP: {e:?}"))?;
            return Ok(encoded.to_vec());
        }
    };
    r.map_err(|e| e.to_string())?;
    Ok(out)
}

/// [`resize`], remembered for the life of the process by the picture's SHA-256: `serve`
/// rebuilds a site many times and resizes each photo once.
pub(crate) fn resize_cached(bytes: &[u8], plan: &[Variant]) -> Result<Arc<Vec<Vec<u8>>>, String> {
    type Cache = Mutex<HashMap<([u8; 32], Vec<Variant>), Arc<Vec<Vec<u8>>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key: ([u8; 32], Vec<Variant>) = (Sha256::digest(bytes).into(), plan.to_vec());
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(hit) = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
        return Ok(Arc::clone(hit));
    }
    let files = Arc::new(resize(bytes, plan)?);
    let mut cache = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    // A long `serve` session keeps at most the pictures of a large site.
    if cache.len() > 2000 {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&files));
    Ok(files)
}

/// A picture of the site, made into its files: what pages show.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The original's path below the site root (`images/a.jpg`), still published as is.
    pub path: String,
    pub probe: Probe,
    /// The files made, with their output path and bytes, in [`plan`]'s order.
    pub files: Vec<(Variant, String, Arc<Vec<u8>>)>,
}

impl Picture {
    /// Makes the files of the picture at `path` from its bytes.
    pub fn make(path: &str, bytes: &[u8]) -> Result<Picture, String> {
        let probe = probe(bytes)?;
        let plan = plan(&probe);
        let made = resize_cached(bytes, &plan)?;
        let files =
            plan.iter().zip(made.iter()).map(|(v, b)| (*v, variant_path(path, v), Arc::new(b.clone()))).collect();
        Ok(Picture { path: path.to_string(), probe, files })
    }

    /// The widest file of the format shown to browsers that know no other (the last one made).
    pub fn fallback(&self) -> Option<&(Variant, String, Arc<Vec<u8>>)> {
        self.files.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
        });
        encode(&DynamicImage::ImageRgb8(img), Kind::Jpeg).unwrap()
    }

    #[test]
    fn widths_never_upscale() {
        let p = |width, height| Probe { width, height, kind: Kind::Jpeg, alpha: false };
        assert_eq!(widths(&p(4000, 3000)), vec![480, 960, 1600]);
        assert_eq!(widths(&p(1000, 500)), vec![480, 960, 1000]);
        assert_eq!(widths(&p(960, 500)), vec![480, 960]);
        assert_eq!(widths(&p(300, 200)), vec![300]);
        let v = plan(&p(4000, 3000));
        assert_eq!(v[1], Variant { width: 960, height: 720, kind: Kind::WebpLossy });
        assert_eq!(v[4], Variant { width: 960, height: 720, kind: Kind::Jpeg });
        let png = plan(&Probe { width: 600, height: 300, kind: Kind::Png, alpha: true });
        let kinds: Vec<Kind> = png.iter().map(|v| v.kind).collect();
        assert_eq!(kinds, vec![Kind::Webp, Kind::Webp, Kind::Png, Kind::Png]);
        assert_eq!(variant_path("a/b.c/photo.JPG", &v[4]), "a/b.c/photo.960w.jpg");
        assert_eq!(variant_path("a/b.c/photo.JPG", &v[1]), "a/b.c/photo.960w.webp");
    }

    #[test]
    fn pictures_are_resized_to_their_plan() {
        let bytes = jpeg(2000, 1000);
        let pic = Picture::make("images/x.jpg", &bytes).unwrap();
        let sizes: Vec<(u32, u32)> = pic.files.iter().map(|(v, _, _)| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(480, 240), (960, 480), (1600, 800), (480, 240), (960, 480), (1600, 800)]);
        for (v, path, b) in &pic.files {
            let img = image::load_from_memory(b).unwrap();
            assert_eq!((img.width(), img.height()), (v.width, v.height), "{path}");
        }
        assert!(pic.files.iter().all(|(_, _, b)| b.len() < bytes.len()));
        assert_eq!(pic.fallback().unwrap().1, "images/x.1600w.jpg");
        // The lossy WebP of a photo is smaller than its JPEG.
        let (webp, jpeg) = (&pic.files[2], &pic.files[5]);
        assert_eq!((webp.1.as_str(), jpeg.1.as_str()), ("images/x.1600w.webp", "images/x.1600w.jpg"));
        assert!(webp.2.len() < jpeg.2.len(), "webp {} jpeg {}", webp.2.len(), jpeg.2.len());
    }

    #[test]
    fn png_becomes_webp_and_png() {
        let img = image::RgbaImage::from_fn(700, 350, |x, _| image::Rgba([(x % 256) as u8, 10, 200, 255]));
        let bytes = encode(&DynamicImage::ImageRgba8(img), Kind::Png).unwrap();
        let pic = Picture::make("a.png", &bytes).unwrap();
        let paths: Vec<&str> = pic.files.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(paths, vec!["a.480w.webp", "a.700w.webp", "a.480w.png", "a.700w.png"]);
        let webp = image::load_from_memory(&pic.files[1].2).unwrap();
        assert_eq!((webp.width(), webp.height()), (700, 350));
    }

    #[test]
    fn corrupt_and_foreign_files_are_messages() {
        assert!(probe(b"hello").unwrap_err().contains("not a JPEG, PNG or WebP"));
        assert!(probe(&jpeg(200, 100)[..20]).is_err());
        // A PNG cut in the middle: the header reads, the pixels do not.
        let img = image::RgbImage::from_fn(300, 300, |x, y| image::Rgb([(x * y % 256) as u8, 3, 9]));
        let mut png = encode(&DynamicImage::ImageRgb8(img), Kind::Png).unwrap();
        png.truncate(png.len() / 2);
        let p = probe(&png).unwrap();
        assert!(resize(&png, &plan(&p)).is_err());
    }

    #[test]
    fn decompression_bombs_are_refused_before_decoding() {
        // A PNG header claiming 100000×100000 pixels, and nothing behind it.
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        let crc = crc32(&ihdr);
        png.extend_from_slice(&crc.to_be_bytes());
        for chunk in [&b"IDATxx"[..], &b"IEND"[..]] {
            png.extend_from_slice(&(chunk.len() as u32 - 4).to_be_bytes());
            png.extend_from_slice(chunk);
            png.extend_from_slice(&crc32(chunk).to_be_bytes());
        }
        let e = probe(&png).unwrap_err();
        assert!(e.to_lowercase().contains("limit") || e.contains("megapixels"), "{e}");
        // Within the sides but too many pixels.
        let mut p2 = png.clone();
        p2[16..20].copy_from_slice(&10_000u32.to_be_bytes());
        p2[20..24].copy_from_slice(&10_000u32.to_be_bytes());
        let crc = crc32(&p2[12..29]);
        p2[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(probe(&p2).unwrap_err().contains("at most 60 megapixels"), "{:?}", probe(&p2));
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
