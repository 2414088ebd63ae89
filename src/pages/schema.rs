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

impl Schema {
    fn push(&mut self, c: Column) -> &mut Self {
        self.columns.push(c);
        self
    }
}

fn unit() -> Column {
    Column {
        required: true,
        ..col(
            "unit",
            Kind::String,
            "Mã định danh của đơn vị (cột id của units.csv)",
            "The unit's id (column id of units.csv)",
        )
    }
}

fn rank() -> Column {
    col("rank", Kind::Integer, "Thứ hạng; để trống khi nguồn không nêu", "Rank; empty when no source gives it")
}

fn rank_basis() -> Column {
    Column {
        one_of: vec!["stated", "list-order", "derived"],
        ..col(
            "rank_basis",
            Kind::String,
            "Cơ sở của thứ hạng: stated (nguồn nêu rõ), list-order (theo thứ tự danh sách đã công bố), derived (suy ra từ một thứ hạng được nêu, không phải số công bố)",
            "Basis of the rank: stated (the source states it), list-order (position in a list published in order), derived (computed from a stated rank; not a published figure)",
        )
    }
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
    col("note", Kind::String, "Ghi chú về dòng này và nguồn của nó", "Note on this row and its source")
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
    let mut s = Schema { primary_key: vec!["unit".into()], unit_columns: vec!["unit".into()], ..Default::default() };
    s.push(unit())
        .push(col("name_vi", Kind::String, "Tên đơn vị (tiếng Việt)", "Unit name (Vietnamese)"))
        .push(col("name_en", Kind::String, "Tên đơn vị (tiếng Anh)", "Unit name (English)"))
        .push(rank())
        .push(rank_basis())
        .push(score());
    s.columns.extend(indicators(index, indicator_keys.iter().copied()));
    s.push(note());
    s
}

fn edition_key() -> Column {
    Column {
        required: true,
        ..col(
            "edition",
            Kind::String,
            "Kỳ công bố (năm, hoặc năm và loạt: 2024-63)",
            "Edition (its year, or year and series: 2024-63)",
        )
    }
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
    let mut s = Schema {
        primary_key: vec!["edition".into(), "unit".into()],
        unit_columns: vec!["unit".into()],
        ..Default::default()
    };
    s.push(edition_key())
        .push(year())
        .push(published())
        .push(unit())
        .push(col("unit_name", Kind::String, "Tên đơn vị", "Unit name (Vietnamese)"))
        .push(rank())
        .push(rank_basis())
        .push(score());
    s.columns.extend(indicators(index, 0..index.indicators.len()));
    s.push(note());
    s
}

/// An index's wide CSV: a unit a row, each edition's rank, its basis and score in columns.
pub(super) fn wide(index: &Index) -> Schema {
    let mut s = Schema { primary_key: vec!["unit".into()], unit_columns: vec!["unit".into()], ..Default::default() };
    s.push(unit()).push(col("unit_name", Kind::String, "Tên đơn vị", "Unit name (Vietnamese)"));
    for ed in &index.editions {
        let k = &ed.key;
        s.push(col(&format!("rank_{k}"), Kind::Integer, &format!("Thứ hạng kỳ {k}"), &format!("Rank, edition {k}")));
        s.push(Column {
            one_of: vec!["stated", "list-order", "derived"],
            ..col(
                &format!("rank_basis_{k}"),
                Kind::String,
                &format!("Cơ sở của thứ hạng kỳ {k} (derived: suy ra, không phải số công bố)"),
                &format!("Basis of the rank, edition {k} (derived: computed, not published)"),
            )
        });
        s.push(col(&format!("score_{k}"), Kind::Number, &format!("Điểm kỳ {k}"), &format!("Score, edition {k}")));
    }
    s
}

/// A unit's history: every row about it or a unit that merged into it, in every index.
pub(super) fn history() -> Schema {
    let mut s = Schema {
        primary_key: vec!["index".into(), "edition".into(), "unit".into()],
        unit_columns: vec!["unit".into()],
        ..Default::default()
    };
    s.push(Column {
        required: true,
        ..col(
            "index",
            Kind::String,
            "Mã của bảng xếp hạng (dti-tinh, dti-bo…)",
            "The ranking's key (dti-tinh, dti-bo…)",
        )
    })
    .push(col("index_name", Kind::String, "Tên bảng xếp hạng", "The ranking's name (Vietnamese)"))
    .push(edition_key())
    .push(year())
    .push(published())
    .push(col("field", Kind::Integer, "Số đơn vị được xếp hạng trong kỳ", "How many units the edition ranked"))
    .push(unit())
    .push(col(
        "unit_name",
        Kind::String,
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
    let mut s = Schema { primary_key: vec!["id".into()], ..Default::default() };
    let t = |name: &str, vi: &str, en: &str| col(name, Kind::String, vi, en);
    s.push(Column {
        required: true, ..t("id", "Mã định danh ổn định của đơn vị", "The unit's stable id")
    })
    .push(Column { one_of: vec!["province", "ministry", "commune"], ..t("kind", "Loại đơn vị", "Kind of unit") })
    .push(t("code", "Mã hành chính khi còn hiệu lực", "Official code while valid"))
    .push(t("former_codes", "Các mã trước đây, phân cách bằng ;", "Earlier codes, ;-separated"))
    .push(t("name_vi", "Tên tiếng Việt", "Vietnamese name"))
    .push(t("name_en", "Tên tiếng Anh", "English name"))
    .push(t("parent", "Đơn vị cấp trên (id)", "Parent unit (id)"))
    .push(t("region_vi", "Vùng (tiếng Việt)", "Region (Vietnamese)"))
    .push(t("region_en", "Vùng (tiếng Anh)", "Region (English)"))
    .push(col("valid_from", Kind::Date, "Có hiệu lực từ ngày", "Valid from"))
    .push(col("valid_to", Kind::Date, "Hết hiệu lực từ ngày (sáp nhập, giải thể)", "Valid until (merged or dissolved)"))
    .push(t("successor", "Đơn vị kế thừa (id)", "Successor unit (id)"))
    .push(t("slug", "Tên trong địa chỉ trang", "URL name"));
    s
}

/// `targets.csv`: one row a target, with its status on the build date.
pub(super) fn targets() -> Schema {
    let mut s = Schema { primary_key: vec!["key".into()], unit_columns: vec!["unit".into()], ..Default::default() };
    let t = |name: &str, vi: &str, en: &str| col(name, Kind::String, vi, en);
    s.push(Column { required: true, ..t("key", "Mã định danh của mục tiêu", "The target's id") })
        .push(t("programme", "Mã của văn bản đặt mục tiêu", "Key of the programme that sets it"))
        .push(t("document", "Số hiệu văn bản", "The document's number"))
        .push(t("unit", "Đơn vị có kế hoạch (id); trống: chương trình quốc gia", "Unit whose plan it is (id); empty: national"))
        .push(t("content", "Nội dung thi đua (hoặc general)", "Movement content (or general)"))
        .push(t("wording_vi", "Mục tiêu như văn bản ghi (tiếng Việt)", "The target as worded (Vietnamese)"))
        .push(t("wording_en", "Mục tiêu (tiếng Anh)", "The target as worded (English)"))
        .push(Column {
            one_of: vec!["percent", "rank", "number", "qualitative"],
            ..t("measure", "Đơn vị đo", "Measure")
        })
        .push(t("measure_vi", "Đơn vị đo bằng lời (tiếng Việt)", "Measure in words (Vietnamese)"))
        .push(t("measure_en", "Đơn vị đo bằng lời (tiếng Anh)", "Measure in words (English)"))
        .push(t("cmp", "Phép so sánh với chỉ tiêu (>=, >, <=, <)", "Comparison with the target (>=, >, <=, <)"))
        .push(col("target", Kind::Number, "Giá trị chỉ tiêu", "Target value"))
        .push(t("deadline", "Hạn: năm, tháng hoặc ngày", "Deadline: a year, a month or a day"))
        .push(col("baseline", Kind::Number, "Giá trị gốc", "Baseline value"))
        .push(t("baseline_date", "Thời điểm của giá trị gốc", "When the baseline refers to"))
        .push(t("sources", "Nguồn của mục tiêu, phân cách bằng ;", "Sources of the target, ;-separated"))
        .push(Column {
            one_of: vec!["met", "on-track", "behind", "deadline-passed", "no-data"],
            ..t("status", "Tình trạng tính từ số liệu tại ngày as_of", "Status worked out from the data on as_of")
        })
        .push(col("status_value", Kind::Number, "Số liệu mà tình trạng dựa vào", "The figure the status rests on"))
        .push(t("status_date", "Thời điểm của số liệu đó", "When that figure refers to"))
        .push(col("as_of", Kind::Date, "Ngày tính tình trạng (ngày dựng trang)", "Day the status was worked out (build day)"));
    s
}

/// `target-reports.csv`: every published figure of every target.
pub(super) fn target_reports() -> Schema {
    let mut s = Schema::default();
    let t = |name: &str, vi: &str, en: &str| col(name, Kind::String, vi, en);
    s.push(Column { required: true, ..t("target", "Mã của mục tiêu", "The target's key") })
        .push(Column { required: true, ..col("value", Kind::Number, "Số liệu đã công bố", "The published figure") })
        .push(t("date", "Thời điểm số liệu phản ánh (trống: nguồn không nêu)", "When the figure refers to (empty: not given)"))
        .push(t("sources", "Nguồn, phân cách bằng ;", "Sources, ;-separated"))
        .push(t("reporter_vi", "Cơ quan công bố (tiếng Việt)", "Who published it (Vietnamese)"))
        .push(t("reporter_en", "Cơ quan công bố (tiếng Anh)", "Who published it (English)"))
        .push(Column {
            one_of: vec!["yes", "no"],
            ..t("same_definition", "Cùng định nghĩa và đơn vị với chỉ tiêu", "Same definition and unit as the target")
        })
        .push(t("measure_vi", "Số liệu đo gì, nếu khác định nghĩa (tiếng Việt)", "What it measures when on another definition (Vietnamese)"))
        .push(t("measure_en", "Số liệu đo gì, nếu khác định nghĩa (tiếng Anh)", "What it measures when on another definition (English)"))
        .push(t("note_vi", "Ghi chú (tiếng Việt)", "Note (Vietnamese)"))
        .push(t("note_en", "Ghi chú (tiếng Anh)", "Note (English)"));
    s
}
