/// The screen's fixed frame: title bar on the first row, key bar and status line on the last two,
/// content between. Shared by the renderer and the reducer (scrolling, mouse), so both agree.
public enum Layout {
    public static let minimum = Size(width: 80, height: 24)

    public static func tooSmall(_ size: Size) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }

    static func content(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: size.height - 3)
    }

    /// Where the list of a list screen is drawn.
    static func listRect(_ state: AppState) -> Rect {
        let content = self.content(state.size)
        let page = Pages.page(state, width: content.width)
        let header = headerHeight(page, content: content)
        let top = header + (page.listTitle == nil ? 0 : 1)
        return content.rows(from: top)
    }

    /// The header takes what it needs but always leaves four rows for the list.
    static func headerHeight(_ page: Page, content: Rect) -> Int {
        min(page.header.count, max(0, content.height - 4 - (page.listTitle == nil ? 0 : 1)))
    }
}
