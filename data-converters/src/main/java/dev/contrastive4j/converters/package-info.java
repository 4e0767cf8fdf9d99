/**
 * Data converters and dataset builders: code that turns one data source or format into the rows that the
 * trainer and the evaluators read. Builders are pure (source in, rows out) and their writers are
 * byte-for-byte reproducible, so that bundled datasets can be rebuilt and checked.
 */
package dev.contrastive4j.converters;
