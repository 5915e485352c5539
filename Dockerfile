# Production image: the server (default) or a worker (`docker run … node --import tsx src/worker.ts`).
# Multi-stage: dependencies are installed in a build stage; the runtime stage runs as the non-root
# `node` user with only the runtime dependencies and the sources (tsx runs TypeScript directly).
# Node 24 LTS comes from the base image; the `node` package that brings it to developers' machines
# is a devDependency and stays out (--omit=dev).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json app.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
COPY webhooks ./webhooks
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=8", "--import", "tsx", "src/server.ts"]
