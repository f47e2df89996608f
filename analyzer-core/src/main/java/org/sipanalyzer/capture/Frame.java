package org.sipanalyzer.capture;

/**
 * One captured frame. The bytes live in {@code data[offset .. offset+length)}; a reader may reuse that array
 * for its next frame, so a consumer that keeps a frame must copy it.
 *
 * @param number the frame's number in its capture, from 1, as Wireshark counts
 * @param timestampNanos capture time in nanoseconds since the Unix epoch
 * @param linkType the link-layer header type (LINKTYPE_ value) of the frame's interface
 * @param interfaceId the pcapng interface number, 0 for pcap
 * @param data the array holding the captured bytes
 * @param offset where the captured bytes start in {@code data}
 * @param length how many bytes were captured
 * @param originalLength the length of the packet on the wire; larger than {@code length} when the capture
 *     cut it short (snaplen)
 * @param fileOffset the byte offset of the frame's record in the (decompressed) capture
 */
public record Frame(long number, long timestampNanos, int linkType, int interfaceId, byte[] data, int offset,
        int length, int originalLength, long fileOffset) {

    /** True when the capture holds fewer bytes than the packet had on the wire. */
    public boolean isTruncated() {
        return length < originalLength;
    }
}
