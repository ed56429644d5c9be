package asks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// drawable are the variants an ask can be given: active, with a weight
// (0 pauses a variant). chooseCopy draws among them.
func drawable() dbx.Expression {
	return dbx.And(dbx.HashExp{"active": true}, dbx.NewExp("weight > 0"))
}

// ListVariants lists every message variant by touch, then name.
func ListVariants(app core.App) ([]*core.Record, error) {
	return app.FindRecordsByFilter("variants", "", "touch,name", 0, 0)
}

// CountVariants counts the message variants.
func CountVariants(app core.App) (int, error) {
	n, err := app.CountRecords("variants")
	return int(n), err
}

// CountDrawableVariants counts the variants an ask can be given: while
// there is one, ask emails use the variants' wording, not the ask_email page.
func CountDrawableVariants(app core.App) (int, error) {
	n, err := app.CountRecords("variants", drawable())
	return int(n), err
}

// FindVariantNamed finds the variant called name (names are unique).
func FindVariantNamed(app core.App, name string) (*core.Record, error) {
	return app.FindFirstRecordByData("variants", "name", name)
}

// CountAsksWithVariant counts the asks that recorded a variant's name.
func CountAsksWithVariant(app core.App, name string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM asks WHERE variant = {:name}").
		Bind(dbx.Params{"name": name}).Row(&n)
	return n, err
}

// CountAsksByVariant maps each variant name asks recorded to how many did;
// asks written from the ask_email page without a variant are left out.
func CountAsksByVariant(app core.App) (map[string]int, error) {
	var rows []struct {
		Name string `db:"name"`
		N    int    `db:"n"`
	}
	err := app.DB().NewQuery("SELECT variant AS name, COUNT(*) AS n FROM asks WHERE variant != '' GROUP BY variant").All(&rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Name] = r.N
	}
	return out, nil
}
