import Core
import Testing

@Suite("CSV matrices")
struct CSVTests {
    @Test("parses rows and columns; allows trailing blank lines, CRLF and no final newline", arguments: [
        ("1,2,3\n4, 5.5 ,-6e-1\n", "Z.csv", DenseArray(shape: [2, 3], values: [1, 2, 3, 4, 5.5, -0.6])),
        ("1\r\n2\r\n\r\n  \n\n", "y.csv", DenseArray(shape: [2, 1], values: [1, 2])),
        ("1,2", "a.csv", DenseArray(shape: [1, 2], values: [1, 2])),
    ])
    func parses(text: String, path: String, expected: DenseArray) throws {
        #expect(try CSVMatrix.parse(text, path: path) == expected)
    }

    @Test("rejects non-numeric and empty cells, a header row, ragged rows, inner blank lines and empty files", arguments: [
        ("1,2,3\n4,5,abc\n", "Z.csv", ["Z.csv", "line 2, column 3", "'abc' is not a number"]),
        ("1,,3\n", "Z.csv", ["line 1, column 2", "'' is not a number"]),
        ("z1,z2\n1,2\n", "Z.csv", ["line 1, column 1", "'z1' is not a number"]),
        ("1,2,3\n4,5,6\n7,8\n", "Z.csv", ["Z.csv", "line 3 has 2 columns but line 1 has 3"]),
        ("1,2\n\n3,4\n", "Z.csv", ["line 2 is blank", "only at the end"]),
        ("\n\n", "e.csv", ["e.csv", "no data"]),
    ])
    func rejects(text: String, path: String, fragments: [String]) {
        expectCoreError(containing: fragments) { () throws(CoreError) in
            _ = try CSVMatrix.parse(text, path: path)
        }
    }
}
