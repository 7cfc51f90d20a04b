package neonauth_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/postgen/postgen/golden/neonauth"
)

// NEON's authorization request reads the redirect URL from redirect_url
// rather than OAuth 2.0's redirect_uri: rename it on the flow.
func ExampleClient_OAuth2Flow() {
	client, err := neonauth.NewClient(neonauth.WithVariable("domain", "https://staging.neon-soft.com"))
	if err != nil {
		log.Fatal(err)
	}
	flow, err := client.OAuth2Flow("b81cc4de-d192-400e-bcb4-09254394c52a", os.Getenv("NEON_CLIENT_SECRET"), "https://www.mycompany.com/myapplication")
	if err != nil {
		log.Fatal(err)
	}
	flow.Rename["redirect_uri"] = "redirect_url"
	flow.State = "keep-me-in-the-session" // random by default
	fmt.Println(flow.AuthCodeURL())
	// Output:
	// https://staging.neon-soft.com/api/oauth2/auth?client_id=b81cc4de-d192-400e-bcb4-09254394c52a&redirect_url=https%3A%2F%2Fwww.mycompany.com%2Fmyapplication&response_type=code&state=keep-me-in-the-session
}

// After the redirect, exchange the code and give the token source to a
// client: it sends the token and refreshes it when it expires.
func ExampleOAuth2Flow_Exchange() {
	ctx := context.Background()
	client, _ := neonauth.NewClient(neonauth.WithVariable("domain", "https://staging.neon-soft.com"))
	flow, _ := client.OAuth2Flow("b81cc4de-d192-400e-bcb4-09254394c52a", os.Getenv("NEON_CLIENT_SECRET"), "https://www.mycompany.com/myapplication")
	flow.Rename["redirect_uri"] = "redirect_url"
	// ... send the user to flow.AuthCodeURL(); the redirect brings state and code back.
	state, code := "from-the-redirect", "from-the-redirect"
	tok, err := flow.Exchange(ctx, state, code)
	if err != nil {
		log.Fatal(err)
	}
	api, _ := neonauth.NewClient(
		neonauth.WithVariable("domain", "https://staging.neon-soft.com"),
		neonauth.WithTokenSource(flow.Config.TokenSource(ctx, tok)),
	)
	bookings, _, err := api.Bookings.List(ctx, &neonauth.BookingsListParams{From: "2025-01-01"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(bookings))
}
