#!/usr/bin/env bash
# Starts one Eps instance of a scaled-out deployment: several instances behind deploy/haproxy.cfg, sharing one
# PostgreSQL (or SQL Server) database and one Redis. One command per instance, each on its own port (or machine):
#
#   export Database__ConnectionString="Host=db;Database=eps;Username=eps;Password=…"   # from your secret store
#   export Redis__Configuration="redis:6379"
#   deploy/eps-instance.sh 5001        # instance 1
#   deploy/eps-instance.sh 5002        # instance 2, and so on; then haproxy (see deploy/haproxy.cfg)
#
# The environment every instance needs (all ASP.NET Core configuration keys; "__" is ":" in appsettings.json):
#
#   Database__Provider              Postgres (default here) or SqlServer: SQLite cannot be shared by several machines
#   Database__ConnectionString      required; the same database for every instance
#   Redis__Configuration            required; the same Redis for every instance: queue and security-monitor pushes
#                                   reach circuits on every instance, and rate limits are counted once for all
#   Redis__Prefix                   eps; a deployment's channel and key prefix on a shared Redis
#   ForwardedHeaders__KnownProxies  the HAProxy address(es) as the instance sees them (default 127.0.0.1, a proxy on
#                                   the same machine); X-Forwarded-For/Proto from anyone else are ignored
#   ForwardedHeaders__KnownNetworks instead, or as well: CIDR ranges of proxies (10.0.0.0/8)
#   ASPNETCORE_URLS                 set from the port argument: http://$EPS_LISTEN_ADDRESS:PORT (default 127.0.0.1;
#                                   0.0.0.0 when HAProxy runs on another machine)
#   ASPNETCORE_ENVIRONMENT          Production (default here)
#   Storage__DataPath               this instance's own folder for local files (mail pickup when no SMTP is set)
#   Tokens__Store                   Auto: on PostgreSQL and SQL Server the signing key ring lives in the database,
#                                   shared by every instance (a rotation on one reaches all); leave Tokens__KeyFile
#                                   unset (it selects the file store), or set it with Tokens__Store=Database to import
#                                   an existing ring once
#   DataProtection__CertificatePath a .pfx that encrypts the data-protection keys kept in the database (and
#   DataProtection__CertificatePassword from the secret store): cookies issued by one instance are read by all
#   Mail__Host …, Mail__BaseUrl     SMTP for the outbox, and the public address (the proxy's) for links in emails
#
# EPS_APP_DLL names the app to run: by default the Release build in this repository
# (Eps.Web/bin/Release/net10.0/Eps.Web.dll). For production publish it first (dotnet publish Eps.Web -c Release -o DIR)
# and point EPS_APP_DLL at DIR/Eps.Web.dll: an unpublished build serves its static files in Development only.
set -euo pipefail

port=${1:?usage: deploy/eps-instance.sh PORT}
root=$(cd "$(dirname "$0")/.." && pwd)
app=${EPS_APP_DLL:-$root/Eps.Web/bin/Release/net10.0/Eps.Web.dll}

: "${Database__ConnectionString:?set Database__ConnectionString: the database every instance shares}"
: "${Redis__Configuration:?set Redis__Configuration (host:port): the Redis every instance shares}"
export Database__Provider=${Database__Provider:-Postgres}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export ASPNETCORE_URLS="http://${EPS_LISTEN_ADDRESS:-127.0.0.1}:$port"
export ForwardedHeaders__KnownProxies=${ForwardedHeaders__KnownProxies:-127.0.0.1}
export Storage__DataPath=${Storage__DataPath:-$root/data/instance-$port}
mkdir -p "$Storage__DataPath"

# The app's folder is its content root (wwwroot of a published app).
cd "$(dirname "$app")"
exec dotnet "$app"
