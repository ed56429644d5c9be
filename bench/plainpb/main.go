// Command plainpb is plain PocketBase, the version go.mod pins and nothing
// added: the baseline bench/load.sh measures Warmloop's NPS webhook against
// (a record create through PocketBase's own REST API). It is built only by
// the load script and is never part of the warmloop binary.
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"
)

func main() {
	app := pocketbase.NewWithConfig(pocketbase.Config{})
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
