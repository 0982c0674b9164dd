/// Which subjects go into which chunk, and which chunk each data row of each export file belongs to.
///
/// Made by `Binder.planChunks(csvDirectory:mapping:subjectsPerChunk:sortKey:)` and used by
/// `Binder.bind(csvDirectory:mapping:chunk:of:)`. Chunks are numbered from 0; chunk `k` holds the
/// subjects `subjects[k]` and every row of every file whose subject is one of them. Rows the CSV
/// reader cannot read and ragged rows belong to chunk 0, rows whose subject is not in the
/// subjects file to the last chunk. Memory: 4 bytes per data row plus the subject ids.
/// ```swift
/// let plan = try Binder.planChunks(csvDirectory: csv, mapping: m, subjectsPerChunk: 10_000) { s, site in "\(site)-\(s)" }
/// for k in 0..<plan.chunkCount { let part = try Binder.bind(csvDirectory: csv, mapping: m, chunk: k, of: plan) }
/// ```
public struct CSVChunkPlan: Sendable {
    /// Number of chunks (at least 1, even for an export without subjects).
    public var chunkCount: Int { subjects.count }
    /// Subject ids per chunk (in sort-key order), for progress messages.
    public private(set) var subjects: [[String]]
    /// Entity → chunk of each row of its CSV file, by row ordinal (data rows and unreadable rows in file order).
    let rowChunks: [EntityKind: [UInt32]]
    /// Entity → its file's runs, in file order; `nil` for a file with an unreadable row (read whole).
    let runs: [EntityKind: [Run]?]
    /// Entity → byte size of its file when planned.
    let sizes: [EntityKind: Int]

    /// A stretch of consecutive rows of one chunk: a chunk's bind reads only its own runs.
    struct Run: Sendable {
        /// The chunk.
        var chunk: UInt32
        /// Ordinal of the first row.
        var firstRow: Int
        /// 1-based line where the first row starts.
        var line: Int
    }

    /// Creates a plan (`subjects` has at least one chunk).
    init(subjects: [[String]], rowChunks: [EntityKind: [UInt32]], runs: [EntityKind: [Run]?], sizes: [EntityKind: Int]) {
        self.subjects = subjects.isEmpty ? [[]] : subjects
        self.rowChunks = rowChunks
        self.runs = runs
        self.sizes = sizes
    }

    /// How many rows of `entity`'s CSV file belong to `chunk`.
    func rowCount(_ entity: EntityKind, chunk: Int) -> Int {
        rowChunks[entity]?.reduce(0) { $0 + ($1 == UInt32(chunk) ? 1 : 0) } ?? 0
    }
}
