package dashboard

// Allows is the role table, for the route tests.
var Allows = allows
