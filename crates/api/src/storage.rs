//! Storage of uploaded training materials (slides, handouts, videos), addressed by key.
//!
//! By default files go to a directory on local disk (`storage.url = "data/files"`), which is all a
//! single-server installation needs. When `storage.url` is an `s3://bucket/prefix` URL they go to
//! Amazon S3 or any S3-compatible server (MinIO, Ceph, Garage, ...), configured with the standard
//! `AWS_*` environment variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ENDPOINT` (for a server other than AWS) and `AWS_ALLOW_HTTP=true` (for a plain-HTTP one).
//! `memory://` keeps everything in memory, for tests.
//!
//! All three are the [`object_store`] crate's implementations behind one `dyn ObjectStore`:
//! it is the Apache Arrow project's maintained store abstraction, used by DataFusion, Delta Lake
//! and others. It handles S3 request signing, retries, multipart uploads, streaming reads and
//! atomic local writes (temp file + rename), none of which we want to hand-write. Its S3 client
//! runs on rustls with ring here, like the database driver, so no second crypto stack (aws-lc-rs)
//! or OpenSSL is linked.
//!
//! Keys are chosen by callers, e.g. `materials/{uuid}`; they are relative, `/`-separated, and may
//! not contain `..`.

use std::sync::Arc;

use anyhow::{Context, bail};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};

/// Objects larger than this are uploaded in parts of this size (S3 needs parts of at least 5 MiB).
const MULTIPART_THRESHOLD: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("no such file in storage")]
    NotFound,
    #[error("file is larger than the {max}-byte limit")]
    TooLarge { max: u64 },
    #[error("invalid storage key: {0}")]
    InvalidKey(String),
    #[error("storage backend error: {0}")]
    Backend(String),
}

impl From<object_store::Error> for StorageError {
    fn from(e: object_store::Error) -> Self {
        match e {
            object_store::Error::NotFound { .. } => StorageError::NotFound,
            other => StorageError::Backend(other.to_string()),
        }
    }
}

/// A configured file store. Cheap to clone: clones share the backend.
#[derive(Debug, Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// Prepended to every key (the path part of an `s3://bucket/prefix` URL).
    prefix: Path,
    max_bytes: u64,
    description: String,
}

impl Storage {
    /// Opens the store named by `url`:
    /// - `file:///abs/dir`, or a plain relative or absolute directory path: local disk (the
    ///   directory is created if missing);
    /// - `s3://bucket` or `s3://bucket/prefix`: S3 or an S3-compatible server, configured by the
    ///   `AWS_*` environment variables (see the module docs); nothing is sent over the network
    ///   until the first request;
    /// - `memory://`: in memory, lost on exit (tests).
    pub fn from_url(url: &str, max_bytes: u64) -> anyhow::Result<Storage> {
        let url = url.trim();
        if url.is_empty() {
            bail!(
                "storage URL is empty; use a directory path, file:///dir, s3://bucket[/prefix] or memory://"
            );
        }
        match url.split_once("://") {
            None => Self::local(url, max_bytes),
            Some(("file", path)) => {
                if !path.starts_with('/') {
                    bail!(
                        "storage URL {url:?}: a file:// URL needs an absolute path, e.g. file:///var/lib/pembina/files"
                    );
                }
                Self::local(path, max_bytes)
            }
            Some(("s3", _)) => Self::s3(url, AmazonS3Builder::from_env(), max_bytes),
            Some(("memory", _)) => Ok(Storage {
                store: Arc::new(InMemory::new()),
                prefix: Path::default(),
                max_bytes,
                description: "in memory".into(),
            }),
            Some((scheme, _)) => bail!(
                "unsupported storage URL scheme {scheme:?} in {url:?}; supported: a directory path, \
                 file:///dir, s3://bucket[/prefix], memory://"
            ),
        }
    }

    fn local(dir: &str, max_bytes: u64) -> anyhow::Result<Storage> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating storage directory {dir:?}"))?;
        let abs = std::fs::canonicalize(dir)
            .with_context(|| format!("resolving storage directory {dir:?}"))?;
        let store = LocalFileSystem::new_with_prefix(&abs)
            .with_context(|| format!("opening storage directory {}", abs.display()))?;
        Ok(Storage {
            store: Arc::new(store),
            prefix: Path::default(),
            max_bytes,
            description: format!("local disk {}", abs.display()),
        })
    }

    /// `builder` carries the credentials and endpoint (from the environment in [`Self::from_url`]).
    fn s3(url: &str, builder: AmazonS3Builder, max_bytes: u64) -> anyhow::Result<Storage> {
        let rest = url.strip_prefix("s3://").unwrap_or(url);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            bail!("storage URL {url:?} names no bucket; expected s3://bucket[/prefix]");
        }
        let prefix = prefix.trim_matches('/');
        let prefix = Path::parse(prefix)
            .with_context(|| format!("invalid prefix in storage URL {url:?}"))?;

        // reqwest is built with rustls but no bundled crypto provider (to keep aws-lc-rs out), so
        // ring must be the process default before the S3 client is built. An `Err` means a
        // provider is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();

        let builder = builder.with_url(format!("s3://{bucket}"));
        let endpoint = builder.get_config_value(&AmazonS3ConfigKey::Endpoint);
        let store = builder
            .build()
            .with_context(|| format!("configuring S3 storage for bucket {bucket:?}"))?;
        let mut description = format!("s3 bucket {bucket}");
        if !prefix.as_ref().is_empty() {
            description.push_str(&format!(" prefix {prefix}"));
        }
        if let Some(endpoint) = endpoint {
            description.push_str(&format!(" at {endpoint}"));
        }
        Ok(Storage {
            store: Arc::new(store),
            prefix,
            max_bytes,
            description,
        })
    }

    /// The largest object [`Self::put`] accepts, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Where the files go, for logs and the admin UI (never includes credentials).
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// Stores `bytes` under `key`, replacing any previous object.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        let path = self.path(key)?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(StorageError::TooLarge {
                max: self.max_bytes,
            });
        }
        if bytes.len() <= MULTIPART_THRESHOLD {
            self.store.put(&path, PutPayload::from_bytes(bytes)).await?;
        } else {
            let upload = self.store.put_multipart(&path).await?;
            let mut writer = WriteMultipart::new_with_chunk_size(upload, MULTIPART_THRESHOLD);
            writer.put(bytes);
            writer.finish().await?;
        }
        Ok(())
    }

    /// Opens the object under `key`: its size in bytes and a stream of its content, read in
    /// chunks as it is consumed.
    pub async fn get(
        &self,
        key: &str,
    ) -> Result<(u64, BoxStream<'static, Result<Bytes, StorageError>>), StorageError> {
        let path = self.path(key)?;
        let result = self.store.get(&path).await?;
        let size = result.meta.size;
        let stream = result.into_stream().map_err(StorageError::from).boxed();
        Ok((size, stream))
    }

    /// Removes the object under `key`; a missing object is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        let path = self.path(key)?;
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Validates `key` and places it under the store's prefix.
    fn path(&self, key: &str) -> Result<Path, StorageError> {
        let invalid = || StorageError::InvalidKey(key.to_owned());
        if key.is_empty()
            || key.starts_with('/')
            || key.contains("..")
            || key.contains('\\')
            || key.ends_with('/')
        {
            return Err(invalid());
        }
        let key = Path::parse(key).map_err(|_| invalid())?;
        Ok(self.prefix.parts().chain(key.parts()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    async fn read_all(storage: &Storage, key: &str) -> (u64, Vec<u8>, usize) {
        let (size, mut stream) = storage.get(key).await.expect("get");
        let mut out = Vec::new();
        let mut chunks = 0;
        while let Some(chunk) = stream.next().await {
            out.extend_from_slice(&chunk.expect("chunk"));
            chunks += 1;
        }
        (size, out, chunks)
    }

    async fn round_trip(storage: &Storage) {
        let key = format!("materials/{}", uuid::Uuid::new_v4());
        storage
            .put(&key, Bytes::from_static(b"hello, Pembina"))
            .await
            .expect("put");
        let (size, body, _) = read_all(storage, &key).await;
        assert_eq!(size, 14);
        assert_eq!(body, b"hello, Pembina");

        // Overwrite.
        storage
            .put(&key, Bytes::from_static(b"v2"))
            .await
            .expect("put again");
        assert_eq!(read_all(storage, &key).await.1, b"v2");

        storage.delete(&key).await.expect("delete");
        assert!(matches!(
            storage.get(&key).await,
            Err(StorageError::NotFound)
        ));
        storage
            .delete(&key)
            .await
            .expect("deleting a missing object is fine");
        assert!(matches!(
            storage.get("materials/never-written").await,
            Err(StorageError::NotFound)
        ));
    }

    #[tokio::test]
    async fn local_disk_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("not/yet/there");
        let storage = Storage::from_url(root.to_str().expect("utf-8"), MIB).expect("open");
        assert!(root.is_dir(), "the directory is created");
        assert!(
            storage.describe().starts_with("local disk "),
            "{}",
            storage.describe()
        );
        round_trip(&storage).await;

        // The file lands under the directory, at the key.
        storage
            .put("materials/x", Bytes::from_static(b"x"))
            .await
            .expect("put");
        assert_eq!(std::fs::read(root.join("materials/x")).expect("read"), b"x");
    }

    #[tokio::test]
    async fn file_url_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("file://{}", dir.path().display());
        let storage = Storage::from_url(&url, MIB).expect("open");
        round_trip(&storage).await;
        assert!(Storage::from_url("file://relative/dir", MIB).is_err());
    }

    #[tokio::test]
    async fn memory_round_trip() {
        let storage = Storage::from_url("memory://", MIB).expect("open");
        assert_eq!(storage.describe(), "in memory");
        assert_eq!(storage.max_bytes(), MIB);
        round_trip(&storage).await;
    }

    #[tokio::test]
    async fn too_large_is_refused() {
        let storage = Storage::from_url("memory://", 10).expect("open");
        let err = storage
            .put("materials/big", Bytes::from(vec![0u8; 11]))
            .await
            .expect_err("too large");
        assert!(matches!(err, StorageError::TooLarge { max: 10 }), "{err:?}");
        storage
            .put("materials/fits", Bytes::from(vec![0u8; 10]))
            .await
            .expect("exactly the limit fits");
    }

    #[tokio::test]
    async fn bad_keys_are_rejected() {
        let storage = Storage::from_url("memory://", MIB).expect("open");
        for key in [
            "../etc/passwd",
            "materials/../x",
            "/abs",
            "",
            "materials/",
            "a\\b",
            "a//b",
        ] {
            let err = storage
                .put(key, Bytes::from_static(b"x"))
                .await
                .expect_err(key);
            assert!(
                matches!(err, StorageError::InvalidKey(_)),
                "{key:?}: {err:?}"
            );
            assert!(matches!(
                storage.get(key).await,
                Err(StorageError::InvalidKey(_))
            ));
            assert!(matches!(
                storage.delete(key).await,
                Err(StorageError::InvalidKey(_))
            ));
        }
    }

    #[tokio::test]
    async fn large_objects_stream_back_intact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let storage =
            Storage::from_url(dir.path().to_str().expect("utf-8"), 64 * MIB).expect("open");
        let data: Vec<u8> = (0..3 * MIB as usize).map(|i| (i % 251) as u8).collect();
        storage
            .put("materials/video", Bytes::from(data.clone()))
            .await
            .expect("put");
        let (size, body, chunks) = read_all(&storage, "materials/video").await;
        assert_eq!(size, 3 * MIB);
        assert!(body == data, "content differs");
        assert!(
            chunks > 1,
            "local reads are streamed in chunks, got {chunks}"
        );

        // Above the multipart threshold, on disk and in memory.
        let big: Vec<u8> = (0..(MULTIPART_THRESHOLD + 1234))
            .map(|i| (i % 241) as u8)
            .collect();
        let memory = Storage::from_url("memory://", 64 * MIB).expect("open");
        for s in [&storage, &memory] {
            s.put("materials/big", Bytes::from(big.clone()))
                .await
                .expect("multipart put");
            let (size, body, _) = read_all(s, "materials/big").await;
            assert_eq!(size, big.len() as u64);
            assert!(body == big, "multipart content differs");
        }
    }

    #[test]
    fn unknown_schemes_are_refused() {
        for url in ["ftp://host/dir", "gs://bucket", "https://example.com/x"] {
            let err = Storage::from_url(url, MIB).expect_err(url).to_string();
            assert!(err.contains("supported") && err.contains("s3://"), "{err}");
        }
        assert!(Storage::from_url("  ", MIB).is_err());
        assert!(Storage::from_url("s3:///prefix-without-bucket", MIB).is_err());
    }

    #[test]
    fn s3_builds_without_network() {
        // What `AmazonS3Builder::from_env` reads from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
        // AWS_REGION, AWS_ENDPOINT and AWS_ALLOW_HTTP (setting the variables themselves would
        // need `unsafe` in edition 2024).
        let builder = AmazonS3Builder::new()
            .with_config(AmazonS3ConfigKey::AccessKeyId, "AKIDUMMY")
            .with_config(AmazonS3ConfigKey::SecretAccessKey, "dummy-secret-value")
            .with_config(AmazonS3ConfigKey::Region, "us-east-1")
            .with_config(AmazonS3ConfigKey::Endpoint, "http://127.0.0.1:9000")
            .with_config(
                AmazonS3ConfigKey::Client(object_store::ClientConfigKey::AllowHttp),
                "true",
            );
        let storage = Storage::s3("s3://training/materials-v1/", builder, MIB).expect("build");
        assert_eq!(
            storage.describe(),
            "s3 bucket training prefix materials-v1 at http://127.0.0.1:9000"
        );
        assert!(!storage.describe().contains("dummy-secret-value"));
        assert_eq!(
            storage.path("materials/abc").expect("key").as_ref(),
            "materials-v1/materials/abc"
        );

        // The public entry point, with whatever AWS_* the environment has: still no request.
        let storage = Storage::from_url("s3://bucket", MIB).expect("build from env");
        assert!(
            storage.describe().starts_with("s3 bucket bucket"),
            "{}",
            storage.describe()
        );
        assert_eq!(
            storage.path("materials/abc").expect("key").as_ref(),
            "materials/abc"
        );
    }

    /// Against a real S3-compatible server when `PEMBINA_TEST_S3_ENDPOINT` names one (CI starts
    /// moto's server and creates the bucket `pembina-test`); skipped otherwise, unless
    /// `PEMBINA_TEST_REQUIRE_S3` is set.
    #[tokio::test]
    async fn s3_round_trip_against_a_real_server() {
        let Ok(endpoint) = std::env::var("PEMBINA_TEST_S3_ENDPOINT") else {
            assert!(
                std::env::var("PEMBINA_TEST_REQUIRE_S3").is_err(),
                "PEMBINA_TEST_REQUIRE_S3 is set but PEMBINA_TEST_S3_ENDPOINT is not"
            );
            eprintln!("PEMBINA_TEST_S3_ENDPOINT is not set: S3 round trip not run");
            return;
        };
        let builder = AmazonS3Builder::new()
            .with_config(AmazonS3ConfigKey::AccessKeyId, "testing")
            .with_config(AmazonS3ConfigKey::SecretAccessKey, "testing")
            .with_config(AmazonS3ConfigKey::Region, "us-east-1")
            .with_config(AmazonS3ConfigKey::Endpoint, endpoint)
            .with_config(
                AmazonS3ConfigKey::Client(object_store::ClientConfigKey::AllowHttp),
                "true",
            );
        let storage =
            Storage::s3("s3://pembina-test/ci", builder, 64 * MIB).expect("build S3 storage");
        round_trip(&storage).await;

        // Above 8 MiB the upload goes in parts; it comes back byte for byte, streamed.
        let big: Vec<u8> = (0..9 * MIB as usize).map(|i| (i % 251) as u8).collect();
        let key = format!("materials/{}", uuid::Uuid::new_v4());
        storage
            .put(&key, Bytes::from(big.clone()))
            .await
            .expect("multipart put");
        let (size, body, chunks) = read_all(&storage, &key).await;
        assert_eq!(size, big.len() as u64);
        assert!(body == big, "the large object comes back intact");
        assert!(chunks > 1, "the download streams in chunks");
        storage.delete(&key).await.expect("delete");
    }
}
