package dev.contrastive4j.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Describes a failed file operation in words, on one line. The JDK's file-system exceptions carry only the
 * path as their message ({@code NoSuchFileException: /proc/x}), which tells a user where but not what.
 */
public final class IoProblems {

    private IoProblems() {
    }

    /** What went wrong and with which file, e.g. {@code no such file or folder: /proc/x}. */
    public static String describe(IOException problem) {
        if (problem instanceof FileSystemException fs && fs.getFile() != null) {
            return reason(problem) + ": " + fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile());
        }
        return reason(problem);
    }

    /** What went wrong, without the file, e.g. {@code no such file or folder}. */
    public static String reason(IOException problem) {
        if (problem instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (problem instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (problem instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (problem instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (problem instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (problem instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : problem.getClass().getSimpleName();
        }
        return problem.getMessage() != null ? problem.getMessage() : problem.getClass().getSimpleName();
    }
}
