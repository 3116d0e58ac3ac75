// The buffers libcurl's C callbacks fill during one transfer.

/// Buffers shared with the C callbacks through an unretained pointer; lives as long as the handle.
final class CurlTransferContext {
    var body: [UInt8] = []
    /// The easy handle these buffers belong to (set once by CurlHandle): the write callback asks
    /// it for the announced size, so a 4 MB message is received into one allocation instead
    /// of a doubling array's copies (issue 10, P5).
    var handle: UnsafeMutableRawPointer?
    var headerBytes: [UInt8] = []
    var transcript = TranscriptRecorder()
    var upload: [UInt8] = []
    var uploadOffset = 0

    func reset(secretWords: [String]) {
        body = []
        headerBytes = []
        transcript = TranscriptRecorder(secretWords: secretWords)
        upload = []
        uploadOffset = 0
    }
}
