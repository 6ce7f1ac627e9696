// The article as kept in a Xapian document, so the archive can be printed back and rebuilt
// without its source files: one value, kSlotArticle, holds its fields as a small JSON object, then
// its body zstd-compressed. A printed hit reads that one value (its fields and, for a snippet, its
// body) and decompresses the body only when it is printed or searched for a snippet. Not the
// document data, which Xapian compresses with zlib: inflating it, and a second read for the body,
// were a tenth of a query's time. zstd rather than zlib (whose inflate was 11 % of a query) or LZ4
// (schema versions 3 to 5): it stores French prose in half the bytes LZ4 needs, and a hit reads less.
#ifndef DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H
#define DEPECHE_INCLUDED_INDEX_STORED_ARTICLE_H

#include "article.h"

#include <xapian.h>

#include <cstdint>
#include <string>

namespace depeche {

void store_article(const Article& a, Xapian::Document& doc);

// kWhenUntitled: an untitled article is shown by the first words of its body.
enum class WithBody { kNo, kYes, kWhenUntitled };
// Where a database's schema version keeps the article: its fields in the document data and its
// body in kSlotArticle, zlib-compressed (versions 1 and 2; version 1 kept the body in the data too)
// or LZ4-compressed (version 3); or both in kSlotArticle, the body LZ4-compressed (versions 4 and 5)
// or zstd-compressed (version 6, what store_article writes).
enum class StoredLayout { kDataAndZlibBody, kDataAndLz4Body, kOneValueLz4Body, kOneValue };
// The layout of a database's schema version, for --rebuild, which reads older ones.
StoredLayout stored_layout_of(const Xapian::Database& db);
// Reads what store_article wrote, or an older layout (so that --rebuild carries an old database
// over). Throws depeche::DataError, naming the document's docid, when it holds no article or
// one that cannot be decoded.
Article load_article(const Xapian::Document& doc, WithBody body = WithBody::kYes, StoredLayout layout = StoredLayout::kOneValue);

// The article's fields (not its body) as the JSON object stored; older layouts kept it as the data.
std::string stored_fields(const Article& a);

// Every field of the article but the file it came from, in one string, whatever the storage: what
// content hashes are taken of.
std::string canonical_form(const Article& a);
// util::fnv1a64(canonical_form(a)), without escaping the body through nlohmann's serializer (2 % of
// a first index's CPU).
std::uint64_t canonical_hash(const Article& a);

}  // namespace depeche

#endif
