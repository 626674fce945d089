/// The ``TableBuilder`` metric numbers of metric names as stored results spell them. Remembers
/// the names of the last result in their order, since a sweep's results list the same metrics.
struct JournalMetricNames {
    private var last: [(name: [UInt8], id: Int)] = []

    /// The number of the metric named by `name`, the `position`-th name of its result.
    mutating func id(of name: UnsafeRawBufferPointer, at position: Int, in builder: inout TableBuilder) -> Int {
        if position < last.count, last[position].name.elementsEqual(name) { return last[position].id }
        let entry = (name: Array(name), id: builder.metricID(String(decoding: name, as: UTF8.self)))
        if position < last.count {
            last[position] = entry
        } else {
            last.append(entry)
        }
        return entry.id
    }
}
