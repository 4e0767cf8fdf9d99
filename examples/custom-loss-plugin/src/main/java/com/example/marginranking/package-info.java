/**
 * An example third-party loss plugin for contrastive4j: {@link com.example.marginranking.MarginRankingLoss}, its
 * factory and its Guice module. Built against the SPI package {@code dev.contrastive4j.spi} alone; see
 * {@code docs/writing-a-plugin.md} for the walk-through.
 */
package com.example.marginranking;
