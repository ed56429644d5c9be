package customers

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/text"
)

// MaxTags is how many tags one customer may carry.
const MaxTags = 20

// MaxTagRunes is the longest tag.
const MaxTagRunes = 30

// CleanTag is a tag in its one stored form: one line, trimmed, lower-case,
// inner runs of spaces made one.
func CleanTag(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(text.Line(s)), " "))
}

// CheckTag says what is wrong with a cleaned tag, or "" when it may be stored.
func CheckTag(tag string) string {
	switch {
	case tag == "":
		return "Type a tag, such as pilot or emea."
	case utf8.RuneCountInString(tag) > MaxTagRunes:
		return fmt.Sprintf("Keep a tag under %d characters.", MaxTagRunes+1)
	case strings.ContainsAny(tag, ","):
		return "A tag cannot hold a comma: add one tag at a time."
	}
	return ""
}

// CleanTags reads a customer's tags field (a JSON list of strings, or
// nothing) and returns the tags cleaned, each once, in their first order;
// problem says what is wrong when the list cannot be stored.
func CleanTags(raw []byte) (tags []string, problem string) {
	if s := strings.TrimSpace(string(raw)); s == "" || s == "null" || s == `""` {
		return []string{}, ""
	}
	var in []string
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, `Tags must be a list of short words, like ["pilot", "emea"].`
	}
	tags = []string{}
	for _, t := range in {
		t = CleanTag(t)
		if p := CheckTag(t); p != "" {
			return nil, p
		}
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if len(tags) > MaxTags {
		return nil, fmt.Sprintf("A customer carries at most %d tags.", MaxTags)
	}
	return tags, ""
}

// Tags reads a customer record's tags as stored (cleaned by its hook).
func Tags(c *core.Record) []string {
	tags, _ := CleanTags([]byte(c.GetString("tags")))
	return tags
}

// Tag puts tag on every customer of ids that lacks it, or takes it off
// (add false), in one transaction; the customers hook checks every save.
// It returns how many customers changed.
func Tag(app core.App, ids []string, tag string, add bool) (int, error) {
	tag = CleanTag(tag)
	changed := 0
	err := app.RunInTransaction(func(tx core.App) error {
		changed = 0
		recs, err := tx.FindRecordsByIds("customers", ids)
		if err != nil {
			return err
		}
		for _, c := range recs {
			tags := Tags(c)
			has := slices.Contains(tags, tag)
			switch {
			case add && !has:
				tags = append(tags, tag)
			case !add && has:
				tags = slices.DeleteFunc(tags, func(t string) bool { return t == tag })
			default:
				continue
			}
			c.Set("tags", tags)
			if err := tx.Save(c); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}

// tagsOf is the SQL list of a customer row's tags, an empty list when the
// field holds none (json_each refuses what is not JSON).
const tagsOf = "(CASE WHEN json_valid(customers.tags) AND json_type(customers.tags) = 'array' THEN customers.tags ELSE '[]' END)"

// hasTag matches the customers that carry tag.
func hasTag(tag string) dbx.Expression {
	return dbx.NewExp("EXISTS (SELECT 1 FROM json_each"+tagsOf+" WHERE json_each.value = {:tag})", dbx.Params{"tag": tag})
}

// AllTags lists every tag some customer carries, alphabetically, for the
// list's filter.
func AllTags(app core.App) ([]string, error) {
	var tags []string
	err := app.DB().NewQuery("SELECT DISTINCT json_each.value FROM customers, json_each" + tagsOf +
		" WHERE json_each.type = 'text' ORDER BY json_each.value").Column(&tags)
	return tags, err
}
