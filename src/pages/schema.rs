//! What each published CSV holds, column by column: the Table Schema the data package
//! (`du-lieu/datapackage.json`) gives each file. The descriptions are part of the data format
//! (like the column names), so they are written here in both languages, not in the theme.

use crate::i18n::Text;
use crate::model::Index;

/// A column's type, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Date,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Date => "date",
        }
    }
}

/// One column of a CSV.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    pub description: Text,
    /// The only values the column may hold (`rank_basis`).
    pub one_of: Vec<&'static str>,
    /// Every row has a value.
    pub required: bool,
}

/// A CSV's columns, the columns that identify a row, and the columns naming a unit of
/// `units.csv`.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub unit_columns: Vec<String>,
}

fn col(name: &str, kind: Kind, vi: &str, en: &str) -> Column {
    Column { name: name.into(), kind, description: Text::new(vi, en), one_of: Vec::new(), required: false }
}

/// A column of text.
fn text(name: &str, vi: &str, en: &str) -> Column {
    col(name, Kind::String, vi, en)
}

impl Column {
    /// The column with a value in every row.
    fn required(self) -> Column {
        Column { required: true, ..self }
    }

    /// The column holding only these values.
    fn one_of(self, values: &[&'static str]) -> Column {
        Column { one_of: values.to_vec(), ..self }
    }
}

impl Schema {
    /// No columns yet; rows identified by `primary_key`, units of `units.csv` named in `unit_columns`.
    fn keyed(primary_key: &[&str], unit_columns: &[&str]) -> Schema {
        let owned = |v: &[&str]| v.iter().map(|c| (*c).to_string()).collect();
        Schema { columns: Vec::new(), primary_key: owned(primary_key), unit_columns: owned(unit_columns) }
    }

    fn push(&mut self, c: Column) -> &mut Self {
        self.columns.push(c);
        self
    }
}

fn unit() -> Column {
    text("unit", "Mã định danh của đơn vị (cột id của units.csv)", "The unit's id (column id of units.csv)").required()
}

fn rank() -> Column {
    col("rank", Kind::Integer, "Thứ hạng; để trống khi nguồn không nêu", "Rank; empty when no source gives it")
}

/// What `rank_basis` may say.
const RANK_BASES: [&str; 3] = ["stated", "list-order", "derived"];

fn rank_basis() -> Column {
    text("rank_basis", "Cơ sở của thứ hạng: stated (nguồn nêu rõ), list-order (theo thứ tự danh sách đã công bố), derived (suy ra từ một thứ hạng được nêu, không phải số công bố)",
            "Basis of the rank: stated (the source states it), list-order (position in a list published in order), derived (computed from a stated rank; not a published figure)",
        ).one_of(&RANK_BASES)
}

fn score() -> Column {
    col(
        "score",
        Kind::Number,
        "Điểm như đã công bố; để trống khi chưa công bố (không phải 0)",
        "Score as published; empty when not published (never 0)",
    )
}

fn note() -> Column {
    text("note", "Ghi chú về dòng này và nguồn của nó", "Note on this row and its source")
}

fn indicators<'a>(index: &'a Index, keys: impl Iterator<Item = usize> + 'a) -> impl Iterator<Item = Column> + 'a {
    keys.map(move |k| {
        let ind = &index.indicators[k];
        col(
            &ind.key,
            Kind::Number,
            &format!("{} (giá trị như đã công bố)", ind.name.vi),
            &format!("{} (value as published)", ind.name.en),
        )
    })
}

/// An edition's CSV: `unit,name_vi,name_en,rank,rank_basis,score,<indicators>,note`.
pub(super) fn edition(index: &Index, indicator_keys: &[usize]) -> Schema {
    let mut s = Schema::keyed(&["unit"], &["unit"]);
    s.push(unit())
        .push(text("name_vi", "Tên đơn vị (tiếng Việt)", "Unit name (Vietnamese)"))
        .push(text("name_en", "Tên đơn vị (tiếng Anh)", "Unit name (English)"))
        .push(rank())
        .push(rank_basis())
        .push(score());
    s.columns.extend(indicators(index, indicator_keys.iter().copied()));
    s.push(note());
    s
}

fn edition_key() -> Column {
    text("edition", "Kỳ công bố (năm, hoặc năm và loạt: 2024-63)", "Edition (its year, or year and series: 2024-63)")
        .required()
}

fn year() -> Column {
    col("year", Kind::Integer, "Năm được đánh giá", "Year assessed")
}

fn published() -> Column {
    col("published", Kind::Date, "Ngày công bố", "Date of publication")
}

/// An index's long CSV: every row of every edition,
/// `edition,year,published,unit,unit_name,rank,rank_basis,score,<indicators>,note`.
pub(super) fn long(index: &Index) -> Schema {
    let mut s = Schema::keyed(&["edition", "unit"], &["unit"]);
    s.push(edition_key())
        .push(year())
        .push(published())
        .push(unit())
        .push(text("unit_name", "Tên đơn vị", "Unit name (Vietnamese)"))
        .push(rank())
        .push(rank_basis())
        .push(score());
    s.columns.extend(indicators(index, 0..index.indicators.len()));
    s.push(note());
    s
}

/// An index's wide CSV: a unit a row, each edition's rank, its basis and score in columns.
pub(super) fn wide(index: &Index) -> Schema {
    let mut s = Schema::keyed(&["unit"], &["unit"]);
    s.push(unit()).push(text("unit_name", "Tên đơn vị", "Unit name (Vietnamese)"));
    for ed in &index.editions {
        let k = &ed.key;
        s.push(col(&format!("rank_{k}"), Kind::Integer, &format!("Thứ hạng kỳ {k}"), &format!("Rank, edition {k}")));
        s.push(
            text(
                &format!("rank_basis_{k}"),
                &format!("Cơ sở của thứ hạng kỳ {k} (derived: suy ra, không phải số công bố)"),
                &format!("Basis of the rank, edition {k} (derived: computed, not published)"),
            )
            .one_of(&RANK_BASES),
        );
        s.push(col(&format!("score_{k}"), Kind::Number, &format!("Điểm kỳ {k}"), &format!("Score, edition {k}")));
    }
    s
}

/// A unit's history: every row about it or a unit that merged into it, in every index.
pub(super) fn history() -> Schema {
    let mut s = Schema::keyed(&["index", "edition", "unit"], &["unit"]);
    s.push(
        text("index", "Mã của bảng xếp hạng (dti-tinh, dti-bo…)", "The ranking's key (dti-tinh, dti-bo…)").required(),
    )
    .push(text("index_name", "Tên bảng xếp hạng", "The ranking's name (Vietnamese)"))
    .push(edition_key())
    .push(year())
    .push(published())
    .push(col("field", Kind::Integer, "Số đơn vị được xếp hạng trong kỳ", "How many units the edition ranked"))
    .push(unit())
    .push(text(
        "unit_name",
        "Tên đơn vị của dòng (đơn vị hoặc đơn vị tiền thân)",
        "Name of the row's unit (the unit or a predecessor)",
    ))
    .push(rank())
    .push(rank_basis())
    .push(score())
    .push(note());
    s
}

/// `units.csv`: the registry of units.
pub(super) fn units() -> Schema {
    let mut s = Schema::keyed(&["id"], &[]);
    s.push(text("id", "Mã định danh ổn định của đơn vị", "The unit's stable id").required())
        .push(text("kind", "Loại đơn vị", "Kind of unit").one_of(&["province", "ministry", "commune"]))
        .push(text("code", "Mã hành chính khi còn hiệu lực", "Official code while valid"))
        .push(text("former_codes", "Các mã trước đây, phân cách bằng ;", "Earlier codes, ;-separated"))
        .push(text("name_vi", "Tên tiếng Việt", "Vietnamese name"))
        .push(text("name_en", "Tên tiếng Anh", "English name"))
        .push(text("parent", "Đơn vị cấp trên (id)", "Parent unit (id)"))
        .push(text("region_vi", "Vùng (tiếng Việt)", "Region (Vietnamese)"))
        .push(text("region_en", "Vùng (tiếng Anh)", "Region (English)"))
        .push(col("valid_from", Kind::Date, "Có hiệu lực từ ngày", "Valid from"))
        .push(col(
            "valid_to",
            Kind::Date,
            "Hết hiệu lực từ ngày (sáp nhập, giải thể)",
            "Valid until (merged or dissolved)",
        ))
        .push(text("successor", "Đơn vị kế thừa (id)", "Successor unit (id)"))
        .push(text("slug", "Tên trong địa chỉ trang", "URL name"));
    s
}

/// `targets.csv`: one row a target, with its status on the build date.
pub(super) fn targets() -> Schema {
    let mut s = Schema::keyed(&["key"], &["unit"]);
    s.push(text("key", "Mã định danh của mục tiêu", "The target's id").required())
        .push(text("programme", "Mã của văn bản đặt mục tiêu", "Key of the programme that sets it"))
        .push(text("document", "Số hiệu văn bản", "The document's number"))
        .push(text(
            "unit",
            "Đơn vị có kế hoạch (id); trống: chương trình quốc gia",
            "Unit whose plan it is (id); empty: national",
        ))
        .push(text("content", "Nội dung thi đua (hoặc general)", "Movement content (or general)"))
        .push(text("wording_vi", "Mục tiêu như văn bản ghi (tiếng Việt)", "The target as worded (Vietnamese)"))
        .push(text("wording_en", "Mục tiêu (tiếng Anh)", "The target as worded (English)"))
        .push(text("measure", "Đơn vị đo", "Measure").one_of(&["percent", "rank", "number", "qualitative"]))
        .push(text("measure_vi", "Đơn vị đo bằng lời (tiếng Việt)", "Measure in words (Vietnamese)"))
        .push(text("measure_en", "Đơn vị đo bằng lời (tiếng Anh)", "Measure in words (English)"))
        .push(text("cmp", "Phép so sánh với chỉ tiêu (>=, >, <=, <)", "Comparison with the target (>=, >, <=, <)"))
        .push(col("target", Kind::Number, "Giá trị chỉ tiêu", "Target value"))
        .push(text("deadline", "Hạn: năm, tháng hoặc ngày", "Deadline: a year, a month or a day"))
        .push(col("baseline", Kind::Number, "Giá trị gốc", "Baseline value"))
        .push(text("baseline_date", "Thời điểm của giá trị gốc", "When the baseline refers to"))
        .push(text("sources", "Nguồn của mục tiêu, phân cách bằng ;", "Sources of the target, ;-separated"))
        .push(
            text("status", "Tình trạng tính từ số liệu tại ngày as_of", "Status worked out from the data on as_of")
                .one_of(&["met", "on-track", "behind", "deadline-passed", "no-data"]),
        )
        .push(col("status_value", Kind::Number, "Số liệu mà tình trạng dựa vào", "The figure the status rests on"))
        .push(text("status_date", "Thời điểm của số liệu đó", "When that figure refers to"))
        .push(col(
            "as_of",
            Kind::Date,
            "Ngày tính tình trạng (ngày dựng trang)",
            "Day the status was worked out (build day)",
        ));
    s
}

/// `target-reports.csv`: every published figure of every target.
pub(super) fn target_reports() -> Schema {
    let mut s = Schema::default();
    s.push(text("target", "Mã của mục tiêu", "The target's key").required())
        .push(col("value", Kind::Number, "Số liệu đã công bố", "The published figure").required())
        .push(text(
            "date",
            "Thời điểm số liệu phản ánh (trống: nguồn không nêu)",
            "When the figure refers to (empty: not given)",
        ))
        .push(text("sources", "Nguồn, phân cách bằng ;", "Sources, ;-separated"))
        .push(text("reporter_vi", "Cơ quan công bố (tiếng Việt)", "Who published it (Vietnamese)"))
        .push(text("reporter_en", "Cơ quan công bố (tiếng Anh)", "Who published it (English)"))
        .push(
            text("same_definition", "Cùng định nghĩa và đơn vị với chỉ tiêu", "Same definition and unit as the target")
                .one_of(&["yes", "no"]),
        )
        .push(text(
            "measure_vi",
            "Số liệu đo gì, nếu khác định nghĩa (tiếng Việt)",
            "What it measures when on another definition (Vietnamese)",
        ))
        .push(text(
            "measure_en",
            "Số liệu đo gì, nếu khác định nghĩa (tiếng Anh)",
            "What it measures when on another definition (English)",
        ))
        .push(text("note_vi", "Ghi chú (tiếng Việt)", "Note (Vietnamese)"))
        .push(text("note_en", "Ghi chú (tiếng Anh)", "Note (English)"));
    s
}
