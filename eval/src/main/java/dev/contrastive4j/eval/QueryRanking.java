package dev.contrastive4j.eval;

import java.util.List;

/**
 * The best documents for one query, best first. Equal scores are ordered by corpus position (the
 * document that comes first in the corpus ranks higher).
 *
 * @param queryId the query's id
 * @param hits at most {@link InformationRetrievalEvaluator#RANKING_DEPTH} documents, best first
 */
public record QueryRanking(String queryId, List<RetrievedDocument> hits) {

    public QueryRanking {
        hits = List.copyOf(hits);
    }
}
