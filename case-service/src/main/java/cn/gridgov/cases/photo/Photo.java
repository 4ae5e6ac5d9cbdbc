package cn.gridgov.cases.photo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A photo, stored once by its content: uploading the same picture again gives the same id. */
@Entity
@Table(name = "photo")
public class Photo {

    @Id public UUID id;

    public String sha256;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public int sizeBytes;

    public byte[] data;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;
}
