// What one libcurl transfer produced, copied out of the handle's buffers.

/// One transfer's outcome: libcurl's code, the bytes the write callback got, the server's
/// lines, and facts from curl_easy_getinfo.
struct CurlTransfer {
    var code: Int
    var body: [UInt8]
    /// Lines the header callback got (IMAP: greeting, tagged replies, SELECT data; SMTP: all replies).
    var headerLines: [String]
    /// Redacted protocol exchange, client and server lines in order.
    var transcript: [TranscriptLine]
    /// libcurl's error text (CURLOPT_ERRORBUFFER).
    var errorText: String
    /// New connections this transfer opened (CURLINFO_NUM_CONNECTS).
    var newConnections: Int
    /// The last server reply code (CURLINFO_RESPONSE_CODE).
    var responseCode: Int
}
