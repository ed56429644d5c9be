package pages

import "testing"

// TestADescriptionIdMeansOneThingOnEveryPage: the dashboard reads a
// variable's description by its About (or its name), so one id must not
// stand for two descriptions.
func TestADescriptionIdMeansOneThingOnEveryPage(t *testing.T) {
	seen := map[string]string{}
	for _, s := range catalog {
		for _, v := range s.Vars {
			id := v.About
			if id == "" {
				id = v.Name
			}
			if what, ok := seen[id]; ok && what != v.What {
				t.Errorf("%s: %q on one page, %q on %s: give one an About of its own", id, what, v.What, s.Slug)
			}
			seen[id] = v.What
		}
	}
}
