package dev.drsip.sip.catalog;

/**
 * A listable family of codes for {@code drsip explain --list FAMILY}.
 *
 * @param id what to pass to {@link CodeExplainer#list(String)}
 * @param kind the kind of codes in it
 * @param description one line
 * @param size number of entries
 */
public record CatalogFamily(String id, CodeKind kind, String description, int size) {
}
