package org.lyceum.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityView;
import org.lyceum.resource.TermView;
import org.lyceum.resource.VocabulariesView;

/**
 * A search as the index runs it: the text parsed, the sort settled, every filter value checked
 * against its vocabulary and broad subjects widened to their narrow fields. Lists are null when
 * they do not filter.
 *
 * @param stemLanguage the filter's only language, whose configuration also parses the query
 * @param typos match names by trigram similarity instead of words: the second try of a single word
 *     that matched nothing (see {@link #withTypos})
 */
record SearchRequest(
        @Nullable SearchText text,
        SearchSort sort,
        @Nullable List<String> kinds,
        @Nullable List<String> subjects,
        @Nullable List<Integer> levels,
        @Nullable List<String> languages,
        @Nullable List<String> licences,
        @Nullable List<String> resourceTypes,
        @Nullable UUID communityId,
        @Nullable UUID authorId,
        @Nullable Boolean local,
        @Nullable String stemLanguage,
        boolean typos) {

    static final int MAX_VALUES = 20;

    /** INVALID_INPUT naming the field for an unknown code, a level out of range or too many values. */
    static SearchRequest of(
            @Nullable String query, @Nullable SearchFilter filter, @Nullable SearchSort sort, VocabulariesView v) {
        SearchText text = SearchText.parse(query);
        SearchSort order = sort == null || (sort == SearchSort.RELEVANCE && text == null)
                ? (text == null ? SearchSort.NEWEST : SearchSort.RELEVANCE)
                : sort;
        if (filter == null) {
            return new SearchRequest(text, order, null, null, null, null, null, null, null, null, null, null, false);
        }
        List<String> languages = codes("filter.languages", filter.languages(), v.languages());
        List<String> subjects = codes("filter.subjects", filter.subjects(), v.subjects());
        return new SearchRequest(
                text,
                order,
                values("filter.kinds", filter.kinds(), SearchKind::name),
                subjects == null ? null : withNarrower(subjects, v.subjects()),
                levels(filter.levels()),
                languages,
                codes("filter.licences", filter.licences(), v.licences()),
                codes("filter.resourceTypes", filter.resourceTypes(), v.resourceTypes()),
                filter.communityId() == null
                        ? null
                        : GlobalId.uuid("filter.communityId", filter.communityId(), CommunityView.TYPE),
                filter.authorId() == null ? null : GlobalId.uuid("filter.authorId", filter.authorId(), PersonView.TYPE),
                filter.local(),
                languages != null && languages.size() == 1 ? languages.get(0) : null,
                false);
    }

    /** Whether a search that found nothing may try again with {@link #withTypos}: one plain word. */
    boolean typosMayHelp() {
        return !typos && text != null && text.fuzzy();
    }

    /** The same search matching names by trigram similarity, for a word typed wrong. */
    SearchRequest withTypos() {
        return new SearchRequest(
                text,
                sort,
                kinds,
                subjects,
                levels,
                languages,
                licences,
                resourceTypes,
                communityId,
                authorId,
                local,
                stemLanguage,
                true);
    }

    private static <T> @Nullable List<String> values(String field, @Nullable List<T> given, Function<T, String> code) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > MAX_VALUES) {
            throw DomainException.invalid(field, "at most " + MAX_VALUES + " values");
        }
        return List.copyOf(new LinkedHashSet<>(given.stream().map(code).toList()));
    }

    private static @Nullable List<String> codes(String field, @Nullable List<String> given, List<TermView> terms) {
        List<String> codes = values(field, given, c -> c);
        if (codes != null) {
            for (String code : codes) {
                if (terms.stream().noneMatch(t -> t.code().equals(code))) {
                    throw DomainException.invalid(field, "'" + code + "' is not in the vocabulary; see vocabularies");
                }
            }
        }
        return codes;
    }

    private static @Nullable List<Integer> levels(@Nullable List<Integer> given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > MAX_VALUES) {
            throw DomainException.invalid("filter.levels", "at most " + MAX_VALUES + " values");
        }
        for (Integer level : given) {
            if (level == null || level < 0 || level > 8) {
                throw DomainException.invalid("filter.levels", "must be ISCED 2011 levels from 0 to 8");
            }
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    /** A broad ISCED-F field stands for itself and every narrow field under it. */
    private static List<String> withNarrower(List<String> subjects, List<TermView> terms) {
        Set<String> all = new LinkedHashSet<>(subjects);
        List<String> frontier = new ArrayList<>(subjects);
        while (!frontier.isEmpty()) {
            String parent = frontier.remove(frontier.size() - 1);
            for (TermView t : terms) {
                if (parent.equals(t.parent()) && all.add(t.code())) {
                    frontier.add(t.code());
                }
            }
        }
        return List.copyOf(all);
    }
}
