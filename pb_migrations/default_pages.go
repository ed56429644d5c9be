package pb_migrations

// DefaultPage is the title and markdown a page shipped with, for the
// dashboard's "Restore the default"; ok is false for a page Warmloop did
// not ship.
func DefaultPage(slug string) (title, body string, ok bool) {
	if slug == "draft_message" {
		return "An introduction to {{company_name}}", draftMessage, true
	}
	for _, list := range [][]struct{ slug, title string }{defaultPages, refereePages, rewardPages} {
		for _, p := range list {
			if p.slug == slug {
				b, err := defaultCopy.ReadFile("defaults/" + slug + ".md")
				return p.title, string(b), err == nil
			}
		}
	}
	return "", "", false
}
