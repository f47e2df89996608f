/**
 * The analysis on Apache Spark: files listed by the driver, analysed by tasks a batch at a time, their results merged
 * in input order into the result of one analysis of them all ({@link org.sipanalyzer.spark.SparkAnalysis}), and the
 * command for {@code spark-submit} ({@link org.sipanalyzer.spark.SparkMain}).
 */
package org.sipanalyzer.spark;
