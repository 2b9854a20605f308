# The API image. Neo4j runs in its own container (docker-compose.yml), so no Java or Maven here.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run codegen && npm run typecheck && npm run build:web

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly; it is a runtime dependency.
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
COPY schema.graphql ONTOLOGY.md tsconfig.json ./
COPY cypher ./cypher
COPY examples ./examples
USER node
EXPOSE 4000
CMD ["node_modules/.bin/tsx", "src/server.ts"]
