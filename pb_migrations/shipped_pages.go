package pb_migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/static"
)

// shippedPage reads the title and markdown body a page ships with from
// static/content/{slug}.md: "# " and the title on the first line, a blank
// line, then the body as it is stored.
func shippedPage(slug string) (title, body string, err error) {
	return shippedCopy("content/" + slug + ".md")
}

// shippedCopy reads the title and markdown body of one file of the shipped
// copy (a page, or an ask variant's subject and body), by its path in the
// static package's Content.
func shippedCopy(name string) (title, body string, err error) {
	b, err := static.Content.ReadFile(name)
	if err != nil {
		return "", "", err
	}
	head, body, ok := strings.Cut(string(b), "\n\n")
	title, isTitle := strings.CutPrefix(head, "# ")
	if !ok || !isTitle || strings.Contains(title, "\n") {
		return "", "", fmt.Errorf("static/%s does not start with a \"# \" title line and a blank line", name)
	}
	return title, body, nil
}

// addPages adds shipped pages by slug, with the title and body they ship
// with. The shipped copy is English: once the pages have a locale (from
// migration 1764000026 on) each page is written as "en"; before it, the
// field does not exist and nothing is written to it.
func addPages(app core.App, slugs []string) error {
	pages, err := app.FindCollectionByNameOrId("pages")
	if err != nil {
		return err
	}
	localised := pages.Fields.GetByName("locale") != nil
	for _, slug := range slugs {
		title, body, err := shippedPage(slug)
		if err != nil {
			return err
		}
		r := core.NewRecord(pages)
		r.Set("slug", slug)
		r.Set("title", title)
		r.Set("body", body)
		if localised {
			r.Set("locale", "en")
		}
		if err := app.Save(r); err != nil {
			return err
		}
	}
	return nil
}

// removePages deletes shipped pages by slug.
func removePages(app core.App, slugs []string) error {
	for _, slug := range slugs {
		if r, err := app.FindFirstRecordByData("pages", "slug", slug); err == nil {
			if err := app.Delete(r); err != nil {
				return err
			}
		}
	}
	return nil
}
