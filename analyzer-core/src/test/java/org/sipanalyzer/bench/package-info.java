/**
 * JMH benchmarks of the pipeline's stages and of the whole analysis, run by scripts/jmh.sh; not unit tests.
 */
package org.sipanalyzer.bench;
