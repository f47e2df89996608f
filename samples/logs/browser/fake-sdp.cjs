// Test-harness code (not part of the samples): a static SDP for JsSIP/SIP.js under Node.js, which has no WebRTC.
'use strict';
const SDP = (id) => [
  'v=0',
  `o=- ${id} 2 IN IP4 127.0.0.1`,
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 18090 RTP/AVP 0 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=sendrecv',
  '',
].join('\r\n');

// Just enough of RTCPeerConnection for JsSIP: offers/answers with the static SDP, ICE already "complete".
class FakeRTCPeerConnection {
  constructor() {
    this.localDescription = null;
    this.remoteDescription = null;
    this.signalingState = 'stable';
    this.iceGatheringState = 'complete';
    this.iceConnectionState = 'new';
    this.connectionState = 'new';
  }
  addEventListener() {}
  removeEventListener() {}
  createOffer() { return Promise.resolve({ type: 'offer', sdp: SDP(Date.now()) }); }
  createAnswer() { return Promise.resolve({ type: 'answer', sdp: SDP(Date.now()) }); }
  setLocalDescription(d) { this.localDescription = d; this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable'; return Promise.resolve(); }
  setRemoteDescription(d) { this.remoteDescription = d; this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable'; return Promise.resolve(); }
  getSenders() { return []; }
  getReceivers() { return []; }
  getLocalStreams() { return []; }
  getRemoteStreams() { return []; }
  addTrack() {}
  close() { this.signalingState = 'closed'; }
}
class FakeRTCSessionDescription {
  constructor(init) { this.type = init.type; this.sdp = init.sdp; }
}

// A SIP.js SessionDescriptionHandler that hands out and accepts the static SDP (no media at all).
class StaticSessionDescriptionHandler {
  constructor() { this.remote = undefined; }
  close() {}
  getDescription() { return Promise.resolve({ body: SDP(Date.now()), contentType: 'application/sdp' }); }
  hasDescription(contentType) { return contentType === 'application/sdp'; }
  setDescription(sdp) { this.remote = sdp; return Promise.resolve(); }
  sendDtmf() { return false; }
  rollbackDescription() { return Promise.resolve(); }
}

module.exports = { SDP, FakeRTCPeerConnection, FakeRTCSessionDescription, StaticSessionDescriptionHandler };
