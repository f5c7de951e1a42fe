# Tessera's release image: the server (CMD) and the admin command line (`tessera <command>`) on
# the current Node.js LTS. The package itself runs on Node >= 20 (package.json engines).
#
#   docker build -t tessera .
#   docker run --rm -e DATABASE_URL=mysql://… tessera tessera migrate        # a release step
#   docker run --rm -e DATABASE_URL=mysql://… tessera tessera user:create dana

# Build stage: compile TypeScript and the native modules (better-sqlite3).
FROM node:26-trixie-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Release stage: the compiled app, production dependencies and the CLI, as an unprivileged user.
FROM node:26-trixie-slim AS release
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY scripts/build-if-stale.js ./scripts/build-if-stale.js
RUN ln -s /app/bin/tessera.js /usr/local/bin/tessera && mkdir -p /app/data && chown -R node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--min-semi-space-size=16", "dist/main.js"]
