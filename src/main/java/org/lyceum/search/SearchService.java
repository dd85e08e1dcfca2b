package org.lyceum.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.graphql.Batches;
import org.lyceum.graphql.PageInfo;
import org.lyceum.resource.TermView;
import org.lyceum.resource.Vocabularies;
import org.lyceum.resource.VocabulariesView;

/** Runs a search for the caller: checks the request, reads a page of hits and their nodes. */
@ApplicationScoped
public class SearchService {

    private final AccountService accounts;
    private final Vocabularies vocabularies;
    private final SearchIndex index;
    private final SearchNodes nodes;
    private final Batches batches;

    SearchService(
            AccountService accounts, Vocabularies vocabularies, SearchIndex index, SearchNodes nodes, Batches batches) {
        this.batches = batches;
        this.accounts = accounts;
        this.vocabularies = vocabularies;
        this.index = index;
        this.nodes = nodes;
    }

    /**
     * totalCount and facets are made with the page but read only if selected; with facets selected,
     * the total is their kind facet's sum, so the hits are not scanned a third time.
     */
    public Uni<SearchConnection> search(
            @Nullable String query,
            @Nullable SearchFilter filter,
            @Nullable SearchSort sort,
            PageRequest page,
            boolean withFacets) {
        return vocabularies.all().chain(v -> {
            SearchRequest request = SearchRequest.of(query, filter, sort, v);
            return accounts.viewer().chain(viewer -> hits(viewer, request, page)
                    .chain(found -> edges(viewer, found.getValue()).map(edges -> {
                        Uni<List<SearchIndex.FacetRow>> rows =
                                index.facets(viewer, found.getKey()).memoize().indefinitely();
                        return new SearchConnection(
                                edges,
                                PageInfo.of(found.getValue()),
                                withFacets ? rows.map(SearchIndex::total) : index.count(viewer, found.getKey()),
                                rows.map(r -> facets(r, v)));
                    })));
        });
    }

    /**
     * The page, and the request that found it: a single word that matches no word anywhere is tried
     * again against names by trigram similarity, so a typo still finds something. Only then, so that
     * trigrams (which no index serves well for common words) never slow an ordinary search.
     */
    private Uni<Map.Entry<SearchRequest, Page<SearchIndex.Hit>>> hits(
            Viewer viewer, SearchRequest request, PageRequest page) {
        return index.page(viewer, request, page).chain(hits -> {
            if (!hits.edges().isEmpty() || !request.typosMayHelp()) {
                return Uni.createFrom().item(Map.entry(request, hits));
            }
            return index.count(viewer, request).chain(n -> {
                if (n > 0) {
                    return Uni.createFrom().item(Map.entry(request, hits)); // past the last page
                }
                SearchRequest typos = request.withTypos();
                return index.page(viewer, typos, page).map(more -> Map.entry(typos, more));
            });
        });
    }

    /** Visible resources carrying the term; a broad subject counts its narrow fields too. */
    public Uni<Integer> resourceCount(TermView term) {
        return accounts.viewer()
                .chain(viewer -> batches.load(
                        new TermCounts(term.vocabulary(), viewer.personId()),
                        term.vocabulary(),
                        (List<String> vocabularies) -> index.resourceCounts(viewer, term.vocabulary())
                                .map(counts -> Map.of(term.vocabulary(), counts))))
                .chain(counts -> vocabularies.all().map(v -> {
                    long n = counts.getOrDefault(term.code(), 0L);
                    if (term.vocabulary().equals("SUBJECT")) {
                        for (TermView narrow : v.subjects()) {
                            if (term.code().equals(narrow.parent())) {
                                n += counts.getOrDefault(narrow.code(), 0L);
                            }
                        }
                    }
                    return (int) n;
                }));
    }

    /** One statement per vocabulary and viewer for all the terms a request counts. */
    private record TermCounts(String vocabulary, @Nullable UUID viewer) {}

    private Uni<List<SearchConnection.Edge>> edges(Viewer viewer, Page<SearchIndex.Hit> hits) {
        if (hits.edges().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<SearchConnection.@Nullable Edge>> loads = new ArrayList<>();
        for (Page.Edge<SearchIndex.Hit> e : hits.edges()) {
            SearchIndex.Hit hit = e.node();
            loads.add(nodes.node(viewer, hit)
                    .map(node -> node == null
                            ? null
                            : new SearchConnection.Edge(e.cursor(), node, Snippets.of(hit.highlighted()), hit.host())));
        }
        // Joined in one turn, so the loads of one kind share a statement; a node gone since is left out.
        return Uni.join().all(loads).andFailFast().map(all -> all.stream()
                .filter(java.util.Objects::nonNull)
                .map(SearchConnection.Edge.class::cast)
                .toList());
    }

    private static SearchFacets facets(List<SearchIndex.FacetRow> rows, VocabulariesView v) {
        Map<String, List<SearchFacets.FacetCount>> by = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        label(labels, "subject", v.subjects());
        label(labels, "level", v.levels());
        label(labels, "language", v.languages());
        label(labels, "licence", v.licences());
        label(labels, "resourceType", v.resourceTypes());
        for (SearchIndex.FacetRow row : rows) {
            if (row.code() != null) {
                by.computeIfAbsent(row.facet(), f -> new ArrayList<>())
                        .add(new SearchFacets.FacetCount(
                                row.code(), labels.get(row.facet() + ":" + row.code()), (int) row.count()));
            }
        }
        return new SearchFacets(
                by.getOrDefault("kind", List.of()),
                by.getOrDefault("subject", List.of()),
                by.getOrDefault("level", List.of()),
                by.getOrDefault("language", List.of()),
                by.getOrDefault("licence", List.of()),
                by.getOrDefault("resourceType", List.of()));
    }

    private static void label(Map<String, String> labels, String facet, List<TermView> terms) {
        terms.forEach(t -> labels.put(facet + ":" + t.code(), t.label()));
    }
}
