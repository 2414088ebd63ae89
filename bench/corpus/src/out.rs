//! Writing the corpus: files under the output folder, counted for the closing summary, and CSV
//! tables rendered in memory.

use std::path::PathBuf;

/// The output folder and what has been written into it.
pub struct Out {
    pub root: PathBuf,
    pub files: usize,
    pub bytes: usize,
}

impl Out {
    pub fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

pub fn csv_bytes(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}
