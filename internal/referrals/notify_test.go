package referrals_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/referrals"
)

func TestSendableKeepsDataAndIdsAndDropsEveryCredential(t *testing.T) {
	coll := core.NewBaseCollection("things")
	coll.Fields.Add(
		&core.TextField{Name: "name"},
		&core.EmailField{Name: "email"},
		&core.RelationField{Name: "owner", CollectionId: "owners"},
		&core.TextField{Name: "code", AutogeneratePattern: "[a-z]{22}"},
		&core.TextField{Name: "invite", AutogeneratePattern: "[a-z]{22}"},
		&core.TextField{Name: "unsubscribe_token"},
		&core.TextField{Name: "api_key"},
		&core.TextField{Name: "client_secret"},
		&core.TextField{Name: "notes", Hidden: true},
	)
	r := core.NewRecord(coll)
	r.Id = "abc123def456ghi"
	for field, v := range map[string]string{"name": "Jo", "email": "jo@fabrikam.example", "owner": "own123own123own",
		"code": "c", "invite": "i", "unsubscribe_token": "u", "api_key": "k", "client_secret": "s", "notes": "n"} {
		r.Set(field, v)
	}
	got := referrals.Sendable(r)
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"collectionId", "collectionName", "email", "id", "name", "owner"}
	if !slices.Equal(keys, want) {
		t.Errorf("Sendable kept %v, want %v", keys, want)
	}
	if got["id"] != r.Id || got["owner"] != "own123own123own" {
		t.Errorf("Sendable lost the ids: %v", got)
	}
}
