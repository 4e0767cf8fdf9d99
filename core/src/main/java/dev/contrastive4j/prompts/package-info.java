/**
 * Prompts: texts put in front of each column's texts before tokenising, as sentence-transformers applies them.
 * {@link dev.contrastive4j.prompts.Prompts} is what a user asks for ({@code --prompts}),
 * {@link dev.contrastive4j.prompts.ModelPrompts} what a model carries in its {@code config_sentence_transformers.json},
 * and {@link dev.contrastive4j.prompts.ColumnPrompts} the two looked up together, applied wherever texts are embedded
 * by column (training, evaluation, mining, encoding).
 */
package dev.contrastive4j.prompts;
