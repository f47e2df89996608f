/**
 * What the analysis knows of the network, shared by every stage and part of the API: an address and port
 * ({@link org.sipanalyzer.net.Endpoint}), the transport a message came over, and the bounds put on rebuilding
 * streams and datagrams ({@link org.sipanalyzer.net.ReassemblyLimits}).
 */
package org.sipanalyzer.net;
