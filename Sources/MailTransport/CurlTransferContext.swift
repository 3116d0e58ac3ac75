// The buffers libcurl's C callbacks fill during one transfer.

/// Buffers shared with the C callbacks through an unretained pointer; lives as long as the handle.
final class CurlTransferContext {
    var body: [UInt8] = []
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
