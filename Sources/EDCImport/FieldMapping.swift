/// Which CSV column and which ODM item (or ODM key) feed one model field, and how its raw
/// text becomes a model value.
///
/// YAML, one entry of an entity's `fields` list:
/// ```yaml
/// - {field: sex, column: SEX, item: IT.DM.SEX, type: code, codes: {"1": M, "2": F, "9": U}}
/// - {field: inclusionDate, column: INCLDTC, item: IT.DM.INCLDTC, type: date}
/// - {field: number, column: AESPID, odm: itemGroupRepeatKey, type: integer}
/// - {field: diameterMM, column: LDIAM, item: IT.TU.LDIAM, type: float, unit: mm, significantDigits: 1}
/// ```
public struct FieldMapping: Sendable, Hashable, Codable {
    /// Model property name, e.g. `inclusionDate` (see `EntityKind.modelFields`).
    public var field: String
    /// How the raw text is read.
    public var type: FieldType
    /// CSV column name (header text), for single-column fields.
    public var column: String?
    /// ODM ItemOID, for single-item fields.
    public var item: String?
    /// ODM key the value comes from instead of an item (`subjectKey`, `itemGroupRepeatKey`, …).
    public var odm: ODMKeySource?
    /// Raw code → model value, for `code` fields (and optionally `visit` fields).
    public var codes: CodeMap?
    /// Model value used when the source is blank (e.g. `NOT APPLICABLE`); blank is otherwise `nil`
    /// for optional fields and a rejection for required ones.
    public var whenBlank: String?
    /// CSV date layout for this field, overriding the dialect's.
    public var dateFormat: EDCDateFormatName?
    /// Unit of a number (`mm`, `ng/mL`); emitted as an ODM MeasurementUnit.
    public var unit: String?
    /// Inclusive allowed range for numbers, `[min, max]`; a value outside is a rejection.
    public var range: [Double]?
    /// List-valued fields spread over several columns / items.
    public var list: ListMapping?
    /// ODM ItemDef DataType hint for writers; defaults from `type` (see `odmDataType`).
    public var dataType: String?
    /// ODM ItemDef Length hint (characters or digits).
    public var length: Int?
    /// ODM ItemDef SignificantDigits hint for floats.
    public var significantDigits: Int?
    /// ODM CodeList OID for `code` fields; defaults to `CL.` + the column name.
    public var codeList: String?

    /// Creates a field mapping.
    public init(field: String, type: FieldType, column: String? = nil, item: String? = nil, odm: ODMKeySource? = nil,
                codes: CodeMap? = nil, whenBlank: String? = nil, dateFormat: EDCDateFormatName? = nil,
                unit: String? = nil, range: [Double]? = nil, list: ListMapping? = nil, dataType: String? = nil,
                length: Int? = nil, significantDigits: Int? = nil, codeList: String? = nil) {
        self.field = field
        self.type = type
        self.column = column
        self.item = item
        self.odm = odm
        self.codes = codes
        self.whenBlank = whenBlank
        self.dateFormat = dateFormat
        self.unit = unit
        self.range = range
        self.list = list
        self.dataType = dataType
        self.length = length
        self.significantDigits = significantDigits
        self.codeList = codeList
    }

    /// The ODM ItemDef DataType a writer should declare: `dataType` if given, else
    /// `text` → text, `integer` → integer, `float` → float, `date` → partialDate,
    /// `code` → integer when every code is a whole number, else text; `visit` → text.
    public var odmDataType: String {
        if let dataType { return dataType }
        switch type {
        case .text, .visit: return "text"
        case .integer: return "integer"
        case .float: return "float"
        case .date: return "partialDate"
        case .code:
            let codes = self.codes?.codes ?? []
            return !codes.isEmpty && codes.allSatisfy({ Int($0) != nil }) ? "integer" : "text"
        }
    }

    /// The ODM CodeList OID a writer should declare for a `code` field.
    public var codeListOID: String? {
        guard type == .code || (type == .visit && codes != nil) else { return nil }
        return codeList ?? "CL." + (column ?? item ?? field)
    }
}
