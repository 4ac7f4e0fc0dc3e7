# Pembina: the API server with the SPA it serves.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./
COPY openapi /src/openapi
RUN npm run build

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p pembina-api --bin pembina

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /app pembina
WORKDIR /app
COPY --from=build /src/target/release/pembina /usr/local/bin/pembina
COPY config ./config
COPY --from=spa /src/frontend/dist ./frontend/dist
RUN mkdir -p data && chown pembina data
USER pembina
ENV PEMBINA_BIND=0.0.0.0:8080 PEMBINA_LOG__FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/api/v1/ready || exit 1
CMD ["pembina", "serve"]
