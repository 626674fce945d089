import Core
import Testing

@Suite("CSV matrices")
struct CSVTests {
    @Test func parsesRowsAndColumns() throws {
        let array = try CSVMatrix.parse("1,2,3\n4, 5.5 ,-6e-1\n", path: "Z.csv")
        #expect(array == DenseArray(shape: [2, 3], values: [1, 2, 3, 4, 5.5, -0.6]))
    }

    @Test func allowsTrailingBlankLinesAndCRLF() throws {
        let array = try CSVMatrix.parse("1\r\n2\r\n\r\n  \n\n", path: "y.csv")
        #expect(array == DenseArray(shape: [2, 1], values: [1, 2]))
    }

    @Test func acceptsAFileWithoutAFinalNewline() throws {
        #expect(try CSVMatrix.parse("1,2", path: "a.csv") == DenseArray(shape: [1, 2], values: [1, 2]))
    }

    @Test func rejectsNonNumericCellsNamingLineAndColumn() {
        expectCoreError(containing: ["Z.csv", "line 2, column 3", "'abc' is not a number"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("1,2,3\n4,5,abc\n", path: "Z.csv")
        }
    }

    @Test func rejectsEmptyCells() {
        expectCoreError(containing: ["line 1, column 2", "'' is not a number"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("1,,3\n", path: "Z.csv")
        }
    }

    @Test func rejectsAHeaderRow() {
        expectCoreError(containing: ["line 1, column 1", "'z1' is not a number"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("z1,z2\n1,2\n", path: "Z.csv")
        }
    }

    @Test func rejectsRaggedRows() {
        expectCoreError(containing: ["Z.csv", "line 3 has 2 columns but line 1 has 3"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("1,2,3\n4,5,6\n7,8\n", path: "Z.csv")
        }
    }

    @Test func rejectsBlankLinesBeforeTheEnd() {
        expectCoreError(containing: ["line 2 is blank", "only at the end"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("1,2\n\n3,4\n", path: "Z.csv")
        }
    }

    @Test func rejectsEmptyFiles() {
        expectCoreError(containing: ["e.csv", "no data"]) { () throws(CoreError) in
            _ = try CSVMatrix.parse("\n\n", path: "e.csv")
        }
    }
}
