/// A page as a template renders it: the layout's metadata and the page's own content.
package struct Page<Content: Sendable>: Sendable {
    package var meta: PageMeta
    package var content: Content

    /// Pairs a page's content with its metadata.
    package init(meta: PageMeta, content: Content) {
        self.meta = meta
        self.content = content
    }
}
