// Parse spreads message reading over the cores: results must keep the batch's order.
import Testing
@testable import Pipeline

@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 3, 50, 1_000])
    func sameAsMapInOrder(count: Int) {
        let input = (0..<count).map { "message \($0)" }
        let mapped = input.concurrentMap { text in text.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) } }
        #expect(mapped == input.map { text in text.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) } })
    }

    @Test func readsARealBatchLikeOneByOne() {
        let config = PipelineConfig(campaign: "t", programmeAddress: "intake@example.test")
        let reader = StandardMessageReader.standard(config: config)
        let raws = (0..<20).map { i in
            Mail.make(from: "a\(i)@example.test", body: i % 2 == 0 ? Mail.program(org: "АНО \(i)") : "Вопрос \(i)",
                      id: "c\(i)@example.test")
        }
        let parallel = raws.concurrentMap { reader.read($0) }
        #expect(parallel == raws.map { reader.read($0) })
        #expect(parallel.map(\.sender) == (0..<20).map { "a\($0)@example.test" })
    }
}
