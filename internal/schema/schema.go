// Package schema reads what Warmloop's collections allow, as the migrations
// built them, so forms and filters follow the schema instead of a copy of it.
package schema

import "github.com/pocketbase/pocketbase/core"

// SelectValues lists the values a select field of a collection allows, in
// the schema's order; nil when the collection has no such select field.
func SelectValues(app core.App, collection, field string) []string {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil
	}
	if f, ok := c.Fields.GetByName(field).(*core.SelectField); ok {
		return f.Values
	}
	return nil
}
