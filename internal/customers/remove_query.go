package customers

import (
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Footprint counts what goes with customers when they are deleted: the
// collections that point at a customer delete their rows with them.
type Footprint struct {
	Customers int `db:"customers"`
	Moments   int `db:"moments"`
	Asks      int `db:"asks"`
	Referrals int `db:"referrals"` // the introductions they made
	Rewards   int `db:"rewards"`
}

// FootprintOf counts the customers of ids that exist and what deleting them
// would delete with them.
func FootprintOf(app core.App, ids []string) (Footprint, error) {
	var fp Footprint
	if len(ids) == 0 {
		return fp, nil
	}
	list, params := placeholders(ids)
	count := func(table, column string) string {
		return "(SELECT COUNT(*) FROM " + table + " WHERE " + column + " IN (SELECT id FROM customers WHERE id IN (" + list + ")))"
	}
	err := app.DB().NewQuery("SELECT " + count("customers", "id") + " AS customers, " +
		count("moments", "customer") + " AS moments, " + count("asks", "customer") + " AS asks, " +
		count("referrals", "referrer") + " AS referrals, " + count("rewards", "referrer") + " AS rewards").
		Bind(params).One(&fp)
	return fp, err
}

// Delete deletes the customers of ids, with their moments, asks, the
// referrals they made and their rewards, in one transaction, and says how
// many customers went. An id that is nobody is passed over.
func Delete(app core.App, ids []string) (int, error) {
	deleted := 0
	err := app.RunInTransaction(func(tx core.App) error {
		deleted = 0
		recs, err := tx.FindRecordsByIds("customers", ids)
		if err != nil {
			return err
		}
		for _, c := range recs {
			if err := tx.Delete(c); err != nil {
				return err
			}
			deleted++
		}
		return nil
	})
	return deleted, err
}

// placeholders is a list of bound parameters holding ids, for an IN (…).
func placeholders(ids []string) (string, dbx.Params) {
	names := make([]string, len(ids))
	params := dbx.Params{}
	for i, id := range ids {
		key := "id" + strconv.Itoa(i)
		names[i] = "{:" + key + "}"
		params[key] = id
	}
	return strings.Join(names, ", "), params
}
